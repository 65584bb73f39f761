package io.vigil.config;

import io.vigil.domain.recovery.PlanStep;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code recovery:}: whether plans run, whether {@code exec} actions are allowed, how long a re-probe may take, and
 * one plan per component (keyed by component id, hot-reloaded). Read by {@link RecoveryReader}.
 */
public record RecoveryConfig(boolean enabled, boolean allowExec, Duration verifyTimeout,
                             Map<String, Plan> plans) {
  public static final RecoveryConfig NONE = new RecoveryConfig(true, false, Duration.ofSeconds(10), Map.of());

  public RecoveryConfig {
    plans = Map.copyOf(plans);
  }

  public Optional<Plan> plan(String component) {
    return Optional.ofNullable(plans.get(component));
  }

  /**
   * A component's plan: its actions in order, at most {@code budgetRuns} runs started within {@code budgetWindow},
   * and no automatic run for {@code cooldown} after one healed it.
   */
  public record Plan(String component, List<Action> actions, int budgetRuns, Duration budgetWindow,
                     Duration cooldown) {
    public Plan {
      actions = List.copyOf(actions);
    }

    public List<PlanStep> steps() {
      return actions.stream().map(Action::step).toList();
    }
  }

  /** One action of a plan: its common settings ({@link PlanStep}) and the parameters of its kind. */
  public record Action(PlanStep step, Params params) {
    public String name() {
      return step.action();
    }
  }

  /** The parameters of each kind of action; the README documents each with an example. */
  public sealed interface Params {}

  /** Close and rebuild Vigil's own client: {@code redis} (the queue backend) or {@code pg} (the store's pool). */
  public record Reconnect(String target) implements Params {}

  /** Close a breaker of the node's registry by name. */
  public record ResetBreaker(String breaker) implements Params {}

  /** Take back expired leases now (every queue of the backend), at most {@code max} tasks. */
  public record RequeueStalled(int max) implements Params {}

  /** Move a queue's tasks that have waited longer than {@code olderThan} to its dead letters (replayable). */
  public record DrainToDlq(String queue, Duration olderThan, int max) implements Params {}

  /**
   * Switch the component's http probe and the named http task types to {@code secondary}; back to each one's own
   * target once {@code primary} (the component's probe URL) answered {@code primaryChecks} times in a row, checked
   * every {@code checkInterval}.
   */
  public record Failover(String secondary, List<String> taskTypes, boolean probe, String primary,
                         Duration checkInterval, int primaryChecks) implements Params {
    public Failover {
      taskTypes = List.copyOf(taskTypes);
    }

    @Override
    public String toString() {
      return "Failover[secondary=" + Secrets.maskUrl(secondary) + ", taskTypes=" + taskTypes + ", probe=" + probe + "]";
    }
  }

  /**
   * The stuck messages at the head of an amqp component's queue ({@code url}, {@code queue}: its probe's): those whose
   * AMQP {@code timestamp} is older than {@code olderThan} (the scan ends at the first message that is not, or has no
   * timestamp), or else the oldest beyond {@code overDepth} messages; at most {@code max} a run. Moved to the queue
   * {@code moveTo} on the same broker (published with confirms, then acknowledged), or dropped when {@code moveTo}
   * is null. Only configured with {@code allow_purge: true} on the action.
   */
  public record PurgeForeign(String url, String queue, Duration olderThan, long overDepth, String moveTo, int max)
      implements Params {
    public boolean purges() {
      return moveTo == null;
    }

    @Override
    public String toString() {
      return "PurgeForeign[url=" + Secrets.maskUrl(url) + ", queue=" + queue + ", olderThan=" + olderThan
          + ", overDepth=" + overDepth + ", moveTo=" + moveTo + ", max=" + max + "]";
    }
  }

  /** POST {component, plan, attempt...} to {@code url}, signed like the webhook channel when a key is given. */
  public record HttpHook(String url, EnvSecret signingKey) implements Params {
    @Override
    public String toString() {
      return "HttpHook[url=" + Secrets.maskUrl(url) + ", signed=" + (signingKey != null) + "]";
    }
  }

  /** Run a fixed command (no shell, no input from requests) off the event loop; exit 0 is success. */
  public record Exec(List<String> command) implements Params {
    public Exec {
      command = List.copyOf(command);
    }
  }

  /** Nothing automatic: ask a person at once. */
  public record Manual() implements Params {}

  static boolean isHttpUrl(String text) {
    try {
      URI uri = URI.create(text);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
