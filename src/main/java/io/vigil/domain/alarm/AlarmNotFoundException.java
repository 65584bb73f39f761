package io.vigil.domain.alarm;

import java.util.NoSuchElementException;

/** No open alarm has this id (it never existed, or it resolved already). */
public final class AlarmNotFoundException extends NoSuchElementException {
  public AlarmNotFoundException(String alarmId) {
    super("no open alarm " + alarmId);
  }
}
