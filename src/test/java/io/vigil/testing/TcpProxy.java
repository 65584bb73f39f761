package io.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 for outage tests: clients connect to {@link #port()} and are piped to the target.
 * {@link #cut()} closes every connection and refuses new ones (the listening socket is closed, so connects fail
 * with "connection refused", as when the server is down); {@link #restore()} listens again on the same port.
 * Plain threads, no Vert.x, so it serves any client (PostgreSQL, Redis, HTTP).
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private volatile Thread acceptor;
  private volatile boolean closed;

  private TcpProxy(String targetHost, int targetPort, ServerSocket server) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = server;
    this.port = server.getLocalPort();
  }

  /** Starts a proxy to {@code targetHost:targetPort} on a free local port. */
  public static TcpProxy start(String targetHost, int targetPort) {
    try {
      TcpProxy proxy = new TcpProxy(targetHost, targetPort, listenBelowEphemeralRange());
      proxy.acceptLoop(proxy.server);
      return proxy;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a proxy to " + targetHost + ":" + targetPort, e);
    }
  }

  /** The local port clients connect to; it stays the same across {@link #cut()} and {@link #restore()}. */
  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  /** Like the server going away: every connection is closed and new ones are refused. */
  public synchronized void cut() {
    ServerSocket listening = server;
    server = null;
    closeQuietly(listening);
    // A thread blocked in accept() keeps the kernel's listening socket alive (and accepting) until the call returns,
    // so the port refuses connections only once the acceptor has left accept(): wait for it.
    Thread acceptor = this.acceptor;
    if (acceptor != null && acceptor != Thread.currentThread()) {
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Socket socket : open) closeQuietly(socket);
    open.clear();
  }

  /** The server is back: connections are accepted and piped again. */
  public synchronized void restore() {
    if (server != null || closed) return;
    IOException last = null;
    for (int i = 0; i < 50; i++) { // the port can linger briefly after close
      try {
        server = listen(port);
        acceptLoop(server);
        return;
      } catch (IOException e) {
        last = e;
        sleep(20);
      }
    }
    throw new IllegalStateException("cannot listen on " + port + " again", last);
  }

  /**
   * The {@code host:port} the target sees for each live proxied connection (e.g. Redis's {@code CLIENT LIST addr=}),
   * so a test can kill exactly its own connections on a server that others share.
   */
  public java.util.List<String> upstreamAddresses() {
    upstreams.removeIf(Socket::isClosed);
    return upstreams.stream().map(s -> s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort()).toList();
  }

  public boolean isCut() {
    return server == null;
  }

  @Override
  public synchronized void close() {
    closed = true;
    cut();
  }

  /**
   * A port below the kernel's ephemeral range (32768 and up): while the proxy is cut its port is free, and a port the
   * kernel hands out for outgoing connections or port-0 servers could be taken by another process, or a connect to it
   * could even connect to itself (TCP self-connect) — either would turn "refused" into "connected" under load.
   */
  private static ServerSocket listenBelowEphemeralRange() throws IOException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    IOException last = null;
    for (int i = 0; i < 100; i++) {
      try {
        return listen(random.nextInt(20_000, 32_000));
      } catch (IOException e) {
        last = e; // taken: try another
      }
    }
    throw last;
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    return socket;
  }

  private void acceptLoop(ServerSocket listening) {
    Thread acceptor = new Thread(() -> {
      while (!listening.isClosed()) {
        try {
          Socket client = listening.accept();
          connect(client);
        } catch (IOException e) {
          return; // closed by cut() or close()
        }
      }
    }, "tcp-proxy-accept-" + port);
    acceptor.setDaemon(true);
    this.acceptor = acceptor;
    acceptor.start();
  }

  private void connect(Socket client) {
    Socket upstream;
    try {
      upstream = new Socket(targetHost, targetPort);
    } catch (IOException e) {
      closeQuietly(client);
      return;
    }
    open.add(client);
    open.add(upstream);
    upstreams.add(upstream);
    if (server == null) { // cut while connecting
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    pipe(client, upstream, "up");
    pipe(upstream, client, "down");
  }

  private void pipe(Socket from, Socket to, String direction) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (SocketException ignored) {
        // closed by cut(), or by the other side
      } catch (IOException ignored) {
        // same: the connection is over
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "tcp-proxy-" + direction + "-" + port);
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) return;
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
