package io.vigil.app;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigSource;
import io.vigil.config.LoadedConfig;
import io.vigil.config.VigilConfig;
import io.vigil.demo.Demo;
import io.vigil.queue.handler.HandlerRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar vigil.jar [--config PATH] [--demo]}: loads and validates the configuration, then starts a node. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Path configFile = null;
    boolean demo = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) usage("--config needs a path");
          configFile = Path.of(args[++i]);
        }
        case "--demo" -> demo = true;
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    LoadedConfig loaded;
    try {
      loaded = (demo && configFile == null
          ? ConfigSource.ofText(Demo.configuration(), "demo", System.getenv(), HandlerRegistry.availableNames())
          : ConfigSource.of(configFile, System.getenv(), HandlerRegistry.availableNames())).load();
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
      if (demo) vigil.vertx().deployVerticle(Demo.standard()).await();
    } catch (Exception e) {
      System.err.println("vigil: failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long graceMs = config.queue().shutdownGrace().toMillis() + 5_000;
      vigil.close().onComplete(done -> stopped.countDown());
      try {
        stopped.await(graceMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "vigil-shutdown"));
  }

  private static void usage(String problem) {
    if (problem != null) System.err.println("vigil: " + problem);
    System.err.println("usage: java -jar vigil.jar [--config PATH] [--demo]");
    System.err.println("  --demo  a synthetic workload on the embedded defaults; open http://127.0.0.1:8080/");
    System.exit(problem == null ? 0 : 2);
  }
}
