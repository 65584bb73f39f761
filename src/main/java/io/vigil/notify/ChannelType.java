package io.vigil.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of notification channel Vigil speaks. */
public enum ChannelType {
  SLACK, WEBHOOK, TELEGRAM, EMAIL, ALERTMANAGER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ChannelType> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }
}
