package io.vigil.notify;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static io.vigil.testing.Await.result;

/** A receiver that accepts connections and never says a word: the slow receiver, for HTTP and SMTP alike. */
final class SilentServer implements AutoCloseable {
  private final NetServer server;

  private SilentServer(NetServer server) {
    this.server = server;
  }

  static SilentServer start(Vertx vertx) {
    NetServer server = vertx.createNetServer().connectHandler(socket -> socket.handler(ignored -> { }));
    result(server.listen(0, "127.0.0.1"));
    return new SilentServer(server);
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    result(server.close());
  }

  /** A loopback port nothing listens on (bound once, then released): the receiver that is down. */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
