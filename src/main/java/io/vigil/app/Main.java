package io.vigil.app;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigSource;
import io.vigil.notify.ChannelConfigs;
import io.vigil.config.LoadedConfig;
import io.vigil.config.VigilConfig;
import io.vigil.demo.Demo;
import io.vigil.observe.BuildInfo;
import io.vigil.queue.handler.HandlerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar vigil.jar [--config PATH] [--demo]}: loads and validates the configuration, then starts a node. The commands
 * {@code healthcheck}, {@code status} and {@code report} are a client of a running node ({@link Cli}) and start none.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
      System.exit(new Cli(System.out, System.err, System.getenv()).run(args)); // a client: no node starts
    }
    Path configFile = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) usage("--config needs a path");
          configFile = Path.of(args[++i]);
        }
        case "--demo" -> demo = true;
        case "--help", "-h" -> {
          System.out.print(Cli.help());
          System.exit(0);
        }
        case "--version", "-V" -> {
          System.out.println("vigil " + BuildInfo.version());
          System.exit(0);
        }
        default -> usage("unknown argument " + args[i]);
      }
    }
    Demo scenarios = demo ? Demo.standard(System.getenv()) : null;
    LoadedConfig loaded;
    try {
      loaded = (demo && configFile == null
          ? ConfigSource.ofText(scenarios.configuration(), "demo", System.getenv(), HandlerRegistry.availableNames())
          : ConfigSource.of(configFile, System.getenv(), HandlerRegistry.availableNames()))
          .withChecks(List.of(ChannelConfigs.check())).load();
    } catch (ConfigException e) {
      System.err.println("vigil: " + e.getMessage());
      System.exit(2);
      return;
    }
    VigilConfig config = loaded.config();
    // before the first logger is made: logback.xml picks the text or JSON appender from it
    System.setProperty("vigil.log.format", config.logFormat());

    Vigil vigil;
    try {
      // the main thread waits for start-up; Future.await refuses to run on an event loop, so it cannot block one
      vigil = Vigil.start(loaded, Clock.systemUTC()).await();
      if (demo) vigil.vertx().deployVerticle(scenarios).await();
    } catch (Exception e) {
      System.err.println("vigil: failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vigil, config), "vigil-shutdown"));
  }

  /** SIGTERM or SIGINT: says that it stops, gives running work its grace period, and says when it has stopped. */
  private static void stop(Vigil vigil, VigilConfig config) {
    Logger log = LoggerFactory.getLogger(Main.class); // not a static field: logback must start after vigil.log.format is set
    long graceMs = config.queue().shutdownGrace().toMillis();
    long limitMs = graceMs + 5_000;
    long started = System.nanoTime();
    log.info("stopping: no new requests; running tasks get {} ms to finish", graceMs);
    CountDownLatch stopped = new CountDownLatch(1);
    vigil.close().onComplete(done -> {
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      if (done.succeeded()) log.info("stopped in {} ms", tookMs);
      else log.warn("stopped in {} ms, not cleanly: {}", tookMs, done.cause().getMessage());
      stopped.countDown();
    });
    try {
      if (!stopped.await(limitMs, TimeUnit.MILLISECONDS)) log.warn("not stopped after {} ms; exiting anyway", limitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void usage(String problem) {
    if (problem != null) System.err.println("vigil: " + problem);
    System.err.println("usage: java -jar vigil.jar [--config PATH] [--demo] | healthcheck | status | report | --help | --version");
    System.exit(problem == null ? 0 : 2);
  }
}
