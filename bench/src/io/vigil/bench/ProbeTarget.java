package io.vigil.bench;

import io.vertx.core.Vertx;

/**
 * The HTTP target of {@code bench/probe-bench.sh}: answers every request with 200 {@code {"status":"up"}} on plain
 * vertx-core, so the target costs as little as it can and Vigil's probing is what is measured.
 * Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.ProbeTarget --port 18090}
 */
public final class ProbeTarget {
  private ProbeTarget() {}

  public static void main(String[] args) {
    int port = BenchSupport.intArg(args, "--port", 0);
    if (port <= 0) {
      System.err.println("usage: ProbeTarget --port P");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer().requestHandler(req -> req.response().putHeader("Content-Type", "application/json")
        .end("{\"status\":\"up\"}")).listen(port, "127.0.0.1").await();
    System.out.println("probe target on 127.0.0.1:" + port);
  }
}
