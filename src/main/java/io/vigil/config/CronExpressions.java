package io.vigil.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The one cron dialect schedules use: Unix cron, five fields (minute, hour, day of month, month, day of week), read
 * by cron-utils. Parsed here for the load-time check and by the scheduler for the due times.
 */
public final class CronExpressions {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronExpressions() {}

  /** @throws IllegalArgumentException naming what is wrong with {@code text} */
  public static Cron parse(String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("is empty");
    Cron cron = PARSER.parse(text.trim());
    cron.validate();
    return cron;
  }
}
