package io.vigil.config;

import java.util.Locale;

/**
 * What sort of thing a component is. It picks the built-in suggested actions a person reads when the component
 * fails; when a component does not say, its probe type decides ({@link #of(String)}).
 */
public enum ComponentKind {
  SERVICE("responding slowly: check its load and recent deploys",
      "not answering as expected: check the service, its logs and recent deploys; tasks to it are retried"),
  DATABASE("slow to answer: check its load and connections",
      "check the server and credentials; Vigil reconnects by itself"),
  CACHE("slow to answer: check its memory and connections",
      "check the server and credentials; Vigil reconnects by itself"),
  QUEUE("falling behind: check that its workers are running and keeping up",
      "work is stuck: check that its consumers are running; tasks are held, not lost"),
  STORAGE("running low on space: clean up or grow the volume soon",
      "out of space: free disk space or grow the volume now"),
  NETWORK("slow to reach: check the network path to it",
      "cannot be reached: check DNS, firewalls and routes to the host"),
  SYSTEM("under pressure: check what uses the CPU or memory",
      "exhausted: reduce the load or give the host more resources"),
  WORKER("slow to answer: check the worker's load",
      "not answering: check that the worker is running and registered on the event bus");

  /** Said of any component whose check could not run. */
  public static final String UNKNOWN_ACTION = "the check could not run: see its error, then the probe's settings "
      + "and whether Vigil can reach the target";

  private final String degradedAction;
  private final String unhealthyAction;

  ComponentKind(String degradedAction, String unhealthyAction) {
    this.degradedAction = degradedAction;
    this.unhealthyAction = unhealthyAction;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public SuggestedActions defaultActions() {
    return new SuggestedActions(degradedAction, unhealthyAction, UNKNOWN_ACTION);
  }

  /** The kind a component has when it does not say, from its probe type. */
  public static ComponentKind of(String probeType) {
    return switch (probeType) {
      case "http" -> SERVICE;
      case "postgres" -> DATABASE;
      case "redis" -> CACHE;
      case "queue", "amqp", "bullmq" -> QUEUE;
      case "disk" -> STORAGE;
      case "tcp", "dns" -> NETWORK;
      case "eventbus" -> WORKER;
      default -> SYSTEM;
    };
  }

  /** What a person should do about a component in each status but healthy. */
  public record SuggestedActions(String degraded, String unhealthy, String unknown) {}
}
