package io.vigil.domain.notify;

import io.vigil.domain.Severity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One alert as a channel receives it, in Alertmanager's shape: labels (its identity, with {@code alertname} and
 * {@code severity}), annotations (summary, description, runbook URL, suggested action), when it started and, once
 * resolved, when it ended; plus what Vigil adds: the alarm id and the observed value.
 *
 * @param endsAt       when it resolved; {@code null} while it fires
 * @param fingerprint  Vigil's stable identity of the alarm (rule + labels)
 * @param generatorUrl a link to the alarm in Vigil; empty when there is none
 * @param alarmId      the alarm's id; {@code null} for system events that are not alarms
 * @param value        the observed value as text (e.g. {@code 153}); {@code null} when none applies
 */
public record Alert(
    NotificationStatus status,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String fingerprint,
    String generatorUrl,
    String alarmId,
    String value) {

  public static final String ALERTNAME = "alertname";
  public static final String SEVERITY = "severity";
  public static final String SUMMARY = "summary";
  public static final String DESCRIPTION = "description";
  public static final String RUNBOOK_URL = "runbook_url";
  public static final String SUGGESTED_ACTION = "suggested_action";

  /** Alertmanager (0.25) accepts only these label and annotation names. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public Alert {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    labels = sortedCopy(labels, "label");
    annotations = sortedCopy(annotations, "annotation");
    if (blank(labels.get(ALERTNAME))) throw new IllegalArgumentException("an alert needs the label alertname");
    String severity = labels.get(SEVERITY);
    if (severity == null || !isSeverity(severity)) {
      throw new IllegalArgumentException("an alert needs the label severity (info, warning or critical), got " + severity);
    }
    if (blank(fingerprint)) throw new IllegalArgumentException("an alert needs a fingerprint");
    startsAt = startsAt.truncatedTo(ChronoUnit.MILLIS);
    if (status == NotificationStatus.RESOLVED && endsAt == null) {
      throw new IllegalArgumentException("a resolved alert needs endsAt");
    }
    if (status == NotificationStatus.FIRING && endsAt != null) {
      throw new IllegalArgumentException("a firing alert has no endsAt");
    }
    if (endsAt != null) {
      endsAt = endsAt.truncatedTo(ChronoUnit.MILLIS);
      if (endsAt.isBefore(startsAt)) throw new IllegalArgumentException("endsAt is before startsAt");
    }
    generatorUrl = generatorUrl == null ? "" : generatorUrl;
  }

  public static Builder builder(String alertname, Severity severity) {
    return new Builder(alertname, severity);
  }

  public String alertname() {
    return labels.get(ALERTNAME);
  }

  public Severity severity() {
    return Severity.fromWire(labels.get(SEVERITY));
  }

  public boolean firing() {
    return status == NotificationStatus.FIRING;
  }

  /** The annotation, or an empty string. */
  public String annotation(String name) {
    return annotations.getOrDefault(name, "");
  }

  public String summary() {
    return annotation(SUMMARY);
  }

  /** This alert, resolved at {@code at}. */
  public Alert resolvedAt(Instant at) {
    return new Alert(NotificationStatus.RESOLVED, labels, annotations, startsAt, at, fingerprint, generatorUrl, alarmId,
        value);
  }

  private static boolean isSeverity(String wire) {
    for (Severity s : Severity.values()) {
      if (s.wireName().equals(wire)) return true;
    }
    return false;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Map<String, String> sortedCopy(Map<String, String> in, String what) {
    TreeMap<String, String> out = new TreeMap<>();
    if (in != null) {
      in.forEach((k, v) -> {
        if (k == null || !NAME.matcher(k).matches()) {
          throw new IllegalArgumentException(what + " name '" + k + "' must match " + NAME.pattern());
        }
        out.put(k, Objects.requireNonNull(v, what + " " + k));
      });
    }
    return Collections.unmodifiableMap(out);
  }

  /** Builds an alert step by step; labels and annotations keep what was put last. */
  public static final class Builder {
    private final TreeMap<String, String> labels = new TreeMap<>();
    private final TreeMap<String, String> annotations = new TreeMap<>();
    private NotificationStatus status = NotificationStatus.FIRING;
    private Instant startsAt;
    private Instant endsAt;
    private String fingerprint;
    private String generatorUrl = "";
    private String alarmId;
    private String value;

    private Builder(String alertname, Severity severity) {
      labels.put(ALERTNAME, alertname);
      labels.put(SEVERITY, severity.wireName());
    }

    public Builder label(String name, String value) {
      labels.put(name, value);
      return this;
    }

    public Builder labels(Map<String, String> more) {
      labels.putAll(more);
      return this;
    }

    /** Sets an annotation; an empty or null value leaves it out. */
    public Builder annotation(String name, String value) {
      if (value == null || value.isEmpty()) {
        annotations.remove(name);
      } else {
        annotations.put(name, value);
      }
      return this;
    }

    public Builder annotations(Map<String, String> more) {
      more.forEach(this::annotation);
      return this;
    }

    public Builder summary(String summary) {
      return annotation(SUMMARY, summary);
    }

    public Builder description(String description) {
      return annotation(DESCRIPTION, description);
    }

    public Builder runbookUrl(String url) {
      return annotation(RUNBOOK_URL, url);
    }

    public Builder suggestedAction(String action) {
      return annotation(SUGGESTED_ACTION, action);
    }

    public Builder startsAt(Instant at) {
      this.startsAt = at;
      return this;
    }

    public Builder resolvedAt(Instant at) {
      this.status = NotificationStatus.RESOLVED;
      this.endsAt = at;
      return this;
    }

    public Builder fingerprint(String fingerprint) {
      this.fingerprint = fingerprint;
      return this;
    }

    public Builder generatorUrl(String url) {
      this.generatorUrl = url;
      return this;
    }

    public Builder alarmId(String id) {
      this.alarmId = id;
      return this;
    }

    public Builder value(String value) {
      this.value = value;
      return this;
    }

    public Alert build() {
      return new Alert(status, labels, annotations, startsAt, endsAt, fingerprint, generatorUrl, alarmId, value);
    }
  }
}
