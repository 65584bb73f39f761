package io.vigil.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of three masters (no replicas) on loopback ports, run as child processes from a temporary
 * directory: {@code redis-server --cluster-enabled yes} per node, joined by {@code redis-cli --cluster create}, ready
 * once every node reports {@code cluster_state:ok}. Nothing is persisted; {@link #close()} stops the nodes and deletes
 * the directory. {@link #shared()} is one cluster for the whole test JVM (stopped when the JVM exits); a test that
 * stops nodes starts its own with {@link #start()}. Without {@code redis-server} and {@code redis-cli} on the PATH
 * the tests fail, saying so; they never skip.
 */
public final class LocalRedisCluster implements AutoCloseable {
  private static final int MASTERS = 3;
  private static LocalRedisCluster shared;

  private final Path dir;
  private final int[] ports = new int[MASTERS];
  private final Process[] nodes = new Process[MASTERS];

  private LocalRedisCluster(Path dir) {
    this.dir = dir;
  }

  /** The cluster every test of this JVM shares (each on its own key prefix). */
  public static synchronized LocalRedisCluster shared() {
    if (shared == null) {
      shared = start();
      LocalRedisCluster cluster = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "local-redis-cluster-stop"));
    }
    return shared;
  }

  /** A cluster of this test's own. */
  public static LocalRedisCluster start() {
    requireTool("redis-server");
    requireTool("redis-cli");
    LocalRedisCluster cluster;
    try {
      cluster = new LocalRedisCluster(Files.createTempDirectory("vigil-redis-cluster-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      cluster.boot();
      return cluster;
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private void boot() {
    for (int i = 0; i < MASTERS; i++) {
      ports[i] = freePortPair();
      startNode(i);
    }
    for (int i = 0; i < MASTERS; i++) awaitPong(ports[i]);
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (int port : ports) create.add("127.0.0.1:" + port);
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    run(create);
    awaitClusterOk();
  }

  private void startNode(int i) {
    int port = ports[i];
    ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
        "--cluster-node-timeout", "2000", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
        "--daemonize", "no")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis-" + port + ".log").toFile());
    try {
      nodes[i] = builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot start redis-server on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** {@code redis://127.0.0.1:port} of each master, the seeds Vigil is given. */
  public List<String> urls() {
    return java.util.Arrays.stream(ports).mapToObj(p -> "redis://127.0.0.1:" + p).toList();
  }

  public int port(int node) {
    return ports[node];
  }

  /** Kills one master (SIGKILL: its data, never persisted, is gone); {@link #restart} brings it back empty. */
  public void kill(int node) {
    nodes[node].destroyForcibly();
    try {
      nodes[node].waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a killed master again on its port and node file (same id and slots), and waits for the cluster. */
  public void restart(int node) {
    startNode(node);
    awaitPong(ports[node]);
    awaitClusterOk();
  }

  /** Runs one command on one node and returns its answer as text (arrays: one element a line). */
  public String command(int node, String... args) {
    return Resp.call(ports[node], args);
  }

  /** Every key under the prefix, on every master, by SCAN. */
  public List<String> keysUnder(String prefix) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < MASTERS; i++) keys.addAll(keysOn(i, prefix));
    return keys;
  }

  /** The keys under the prefix that one master holds. */
  public List<String> keysOn(int node, String prefix) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<String> page = command(node, "SCAN", cursor, "MATCH", prefix + ":*", "COUNT", "1000").lines().toList();
      cursor = page.get(0);
      keys.addAll(page.subList(1, page.size()));
    } while (!cursor.equals("0"));
    return keys;
  }

  /** Deletes every key under the prefix (one UNLINK per key: a Cluster refuses multi-key commands across slots). */
  public void deleteUnder(String prefix) {
    for (int i = 0; i < MASTERS; i++) {
      for (String key : keysOn(i, prefix)) command(i, "UNLINK", key);
    }
  }

  /** The master (0-2) that serves a key's slot. */
  public int masterOf(String key) {
    long slot = Long.parseLong(command(0, "CLUSTER", "KEYSLOT", key).trim());
    for (String line : command(0, "CLUSTER", "NODES").lines().toList()) {
      String[] f = line.split(" ");
      if (!f[2].contains("master")) continue;
      int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
      for (int k = 8; k < f.length; k++) {
        String[] range = f[k].split("-");
        long from = Long.parseLong(range[0]);
        long to = range.length > 1 ? Long.parseLong(range[1]) : from;
        if (slot >= from && slot <= to) {
          for (int i = 0; i < MASTERS; i++) if (ports[i] == port) return i;
        }
      }
    }
    throw new AssertionError("no master serves slot " + slot);
  }

  @Override
  public void close() {
    for (Process node : nodes) if (node != null) node.destroyForcibly();
    for (Process node : nodes) {
      try {
        if (node != null) node.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------------------------

  private static void requireTool(String tool) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(entry, tool))) return;
    }
    throw new AssertionError(tool + " is not on the PATH: the Redis Cluster tests start a local cluster of three "
        + "masters with it (install Redis 7, e.g. apt-get install redis-server)");
  }

  /** A port whose cluster bus port (port + 10000) is free as well. */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 55_000);
      if (free(port) && free(port + 10_000)) return port;
    }
    throw new AssertionError("no free loopback port pair for a Redis Cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void awaitPong(int port) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        if (Resp.call(port, "PING").equals("PONG")) return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("redis-server on port " + port + " did not answer within 10 s; its log: "
              + log(port), e);
        }
      }
      pause(20);
    }
  }

  private void awaitClusterOk() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (int i = 0; i < MASTERS; i++) {
      while (!Resp.call(ports[i], "CLUSTER", "INFO").contains("cluster_state:ok")) {
        if (System.nanoTime() > deadline) throw new AssertionError("the local Redis Cluster did not reach cluster_state:ok");
        pause(50);
      }
    }
  }

  private void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String log(int port) {
    try {
      return Files.readString(dir.resolve("redis-" + port + ".log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // polling a child process's readiness; no clock to drive
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The smallest RESP client: one command, one connection, the answer as text. */
  private static final class Resp {
    static String call(int port, String... args) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
          byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
          request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
          request.writeBytes(bytes);
          request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(request.toByteArray());
        out.flush();
        StringBuilder text = new StringBuilder();
        read(new BufferedInputStream(socket.getInputStream()), text);
        return text.toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void read(InputStream in, StringBuilder text) throws IOException {
      String line = line(in);
      switch (line.charAt(0)) {
        case '+', ':' -> text.append(line.substring(1));
        case '-' -> throw new IllegalStateException("Redis answered " + line.substring(1));
        case '$' -> {
          int length = Integer.parseInt(line.substring(1));
          if (length >= 0) {
            text.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            line(in);
          }
        }
        case '*' -> {
          int count = Integer.parseInt(line.substring(1));
          for (int i = 0; i < count; i++) {
            if (i > 0) text.append('\n');
            read(in, text);
          }
        }
        default -> throw new IllegalStateException("unexpected RESP line " + line);
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\r') {
          in.read(); // '\n'
          break;
        }
        bytes.write(c);
      }
      if (c == -1 && bytes.size() == 0) throw new IOException("connection closed");
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
