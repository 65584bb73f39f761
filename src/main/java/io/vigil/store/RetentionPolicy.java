package io.vigil.store;

import io.vigil.config.StoreConfig;

import java.time.Duration;

/** How long each kind of row is kept. */
public record RetentionPolicy(Duration audit, Duration tasks, Duration alarms, Duration notifications,
                              Duration recovery, Duration rollups) {

  public static RetentionPolicy from(StoreConfig config) {
    return new RetentionPolicy(Duration.ofDays(config.auditRetentionDays()), Duration.ofDays(config.taskRetentionDays()),
        Duration.ofDays(config.alarmRetentionDays()), Duration.ofDays(config.notificationRetentionDays()),
        Duration.ofDays(config.recoveryRetentionDays()), Duration.ofDays(config.rollupRetentionDays()));
  }
}
