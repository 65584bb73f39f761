package io.vigil.config;

import io.vigil.domain.recovery.PlanStep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code recovery:}. A plan is keyed by the id of the component it heals; its {@code actions} are an ordered
 * list, each read as its kind ({@code action:}) so a key of another kind is reported where it is written. Every
 * reference is checked: the component, a failover's task types (http handlers) and probe (http), a drain's queue;
 * {@code exec} is refused unless {@code recovery.allow_exec: true}, {@code purge-foreign} unless the action says
 * {@code allow_purge: true}. A reload with any problem is refused whole.
 */
final class RecoveryReader {
  static final List<String> ACTIONS = List.of("reconnect", "reset-breaker", "requeue-stalled", "drain-to-dlq",
      "purge-foreign", "failover", "http-hook", "exec", "manual");

  private RecoveryReader() {}

  static RecoveryConfig read(ConfigReader root, Map<String, ComponentConfig> components,
                             Map<String, TaskTypeConfig> taskTypes, Set<String> queues) {
    ConfigReader r = root.child("recovery");
    boolean allowExec = r.bool("allow_exec", false);
    Map<String, RecoveryConfig.Plan> plans = new LinkedHashMap<>();
    r.entries("plans", null).forEach((id, p) -> {
      ComponentConfig component = components.get(id);
      if (component == null) {
        p.problem("", "'" + id + "' is not a component" + Suggestions.closest(id, components.keySet())
            .map(s -> " — did you mean " + s + "?").orElse(""));
      }
      List<ConfigReader> items = p.list("actions");
      if (items.isEmpty()) p.problem("actions", "a plan needs at least one action");
      List<RecoveryConfig.Action> actions = items.stream()
          .map(a -> action(a, component, taskTypes, queues, allowExec)).filter(java.util.Objects::nonNull).toList();
      plans.put(id, new RecoveryConfig.Plan(id, actions, p.integer("budget.runs", 3, 1, 1000),
          p.duration("budget.window", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(7)),
          p.duration("cooldown", Duration.ofMinutes(5), Duration.ZERO, Duration.ofDays(1))));
    });
    return new RecoveryConfig(r.bool("enabled", true), allowExec,
        r.duration("verify_timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(5)),
        plans);
  }

  private static RecoveryConfig.Action action(ConfigReader a, ComponentConfig component,
                                              Map<String, TaskTypeConfig> taskTypes, Set<String> queues,
                                              boolean allowExec) {
    Map<String, Function<ConfigReader, RecoveryConfig.Params>> kinds = new LinkedHashMap<>();
    kinds.put("reconnect", r -> new RecoveryConfig.Reconnect(
        r.oneOf("target", Map.of("redis", "redis", "pg", "pg"), "redis")));
    kinds.put("reset-breaker", r -> new RecoveryConfig.ResetBreaker(r.requiredString("breaker")));
    kinds.put("requeue-stalled", r -> new RecoveryConfig.RequeueStalled(r.integer("max", 1000, 1, 100_000)));
    kinds.put("drain-to-dlq", r -> {
      String queue = r.requiredString("queue");
      if (!queue.isEmpty() && !queues.contains(queue)) r.problem("queue", "'" + queue + "' is not one of the queues " + queues);
      return new RecoveryConfig.DrainToDlq(queue,
          r.duration("older_than", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30)),
          r.integer("max", 1000, 1, 100_000));
    });
    kinds.put("purge-foreign", r -> purgeForeign(r, component));
    kinds.put("failover", r -> failover(r, component, taskTypes));
    kinds.put("http-hook", r -> {
      String url = r.requiredString("url");
      if (!url.isEmpty() && !RecoveryConfig.isHttpUrl(url)) r.problem("url", "must be an absolute http:// or https:// URL");
      return new RecoveryConfig.HttpHook(url, r.envSecret("signing_key_env", false));
    });
    kinds.put("exec", r -> {
      List<String> command = r.strings("command", List.of());
      if (command.isEmpty()) r.problem("command", "is required: the program and its arguments, e.g. [systemctl, restart, app]");
      if (!allowExec) r.problem("", "exec actions are off; set recovery.allow_exec: true to allow them");
      return new RecoveryConfig.Exec(command);
    });
    kinds.put("manual", r -> new RecoveryConfig.Manual());
    RecoveryConfig.Params params = a.kind("action", kinds);
    if (params == null) return null;
    String name = a.string("action");
    boolean manual = params instanceof RecoveryConfig.Manual;
    PlanStep step = new PlanStep(name, a.integer("max_attempts", 1, 1, manual ? 1 : 100),
        a.duration("backoff", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1)),
        a.duration("timeout", Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofHours(1)));
    return new RecoveryConfig.Action(step, params);
  }

  private static RecoveryConfig.Params purgeForeign(ConfigReader r, ComponentConfig component) {
    if (!r.bool("allow_purge", false)) {
      r.problem("allow_purge", "purge-foreign moves or drops messages of a foreign queue; it is off unless the action "
          + "says allow_purge: true");
    }
    ProbeSpec.Amqp amqp = component != null && component.probe() instanceof ProbeSpec.Amqp a ? a : null;
    if (component != null && amqp == null) {
      r.problem("", "purge-foreign needs a component with an amqp probe (its URL and queue are the ones cleared)");
    }
    boolean byAge = r.has("older_than");
    Duration olderThan = byAge ? r.duration("older_than", null, Duration.ofSeconds(1), Duration.ofDays(30)) : null;
    long overDepth = r.has("over_depth") ? r.longValue("over_depth", 0, 10_000_000) : -1;
    if (byAge == (overDepth >= 0)) {
      r.problem("", "say which messages are stuck: older_than (by their AMQP timestamp) or over_depth (the oldest "
          + "beyond that many), one of them");
    }
    String moveTo = r.has("move_to") ? r.string("move_to") : null;
    if ("".equals(moveTo)) r.problem("move_to", "is a queue name");
    boolean purge = r.bool("purge", false);
    if ((moveTo == null) != purge) r.problem("", "say where stuck messages go: move_to: <queue> or purge: true, one of them");
    if (moveTo != null && amqp != null && moveTo.equals(amqp.queue())) r.problem("move_to", "is the queue being cleared");
    return new RecoveryConfig.PurgeForeign(amqp == null ? null : amqp.url(), amqp == null ? null : amqp.queue(),
        olderThan, overDepth, moveTo, r.integer("max", 1000, 1, 100_000));
  }

  private static RecoveryConfig.Params failover(ConfigReader r, ComponentConfig component,
                                                Map<String, TaskTypeConfig> taskTypes) {
    String secondary = r.requiredString("secondary");
    if (!secondary.isEmpty() && !RecoveryConfig.isHttpUrl(secondary)) {
      r.problem("secondary", "must be an absolute http:// or https:// URL");
    }
    List<String> types = r.strings("task_types", List.of());
    for (int i = 0; i < types.size(); i++) {
      TaskTypeConfig type = taskTypes.get(types.get(i));
      if (type == null) r.problem("task_types[" + i + "]", "'" + types.get(i) + "' is not a task type");
      else if (!type.handler().equals("http")) {
        r.problem("task_types[" + i + "]", "'" + types.get(i) + "' has no http target to switch (handler " + type.handler() + ")");
      }
    }
    String probeUrl = component != null && component.probe() instanceof ProbeSpec.Http http ? http.url() : null;
    boolean probe = r.bool("probe", probeUrl != null);
    if (probe && probeUrl == null) r.problem("probe", "the component has no http probe whose URL could be switched");
    if (!probe && types.isEmpty()) r.problem("", "failover needs the component's http probe or task_types to switch");
    // the primary is watched where the probe looks, else at the first task type's own target
    String primary = probe ? probeUrl : types.stream().map(taskTypes::get).filter(java.util.Objects::nonNull)
        .map(TaskTypeConfig::target).findFirst().orElse(null);
    return new RecoveryConfig.Failover(secondary, types, probe && probeUrl != null, primary,
        r.duration("check_interval", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofHours(1)),
        r.integer("primary_checks", 3, 1, 100));
  }
}
