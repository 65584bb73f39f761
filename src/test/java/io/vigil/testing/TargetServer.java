package io.vigil.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server a probe can watch, whose answer the test sets: status, body and delay. Runs on its own threads
 * (JDK server), on loopback, on a free port.
 */
public final class TargetServer implements AutoCloseable {
  private final HttpServer server;
  private volatile int status = 200;
  private volatile String body = "{\"status\":\"up\"}";
  private volatile long delayMs;
  private final AtomicInteger hits = new AtomicInteger();

  private TargetServer(HttpServer server) {
    this.server = server;
  }

  public static TargetServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
      TargetServer target = new TargetServer(server);
      server.createContext("/", exchange -> {
        target.hits.incrementAndGet();
        try {
          if (target.delayMs > 0) Thread.sleep(target.delayMs);
          byte[] bytes = target.body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(target.status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (IOException e) {
          // the client gave up (a probe timeout): nothing to answer
        } finally {
          exchange.close();
        }
      });
      server.setExecutor(Executors.newFixedThreadPool(8));
      server.start();
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public TargetServer answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  public TargetServer delay(long ms) {
    this.delayMs = ms;
    return this;
  }

  public int hits() {
    return hits.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
