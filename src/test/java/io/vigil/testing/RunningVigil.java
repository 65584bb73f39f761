package io.vigil.testing;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vigil.app.Vigil;
import io.vigil.config.ConfigSource;
import io.vigil.config.LoadedConfig;
import io.vigil.notify.ChannelConfigs;
import io.vigil.config.VigilConfig;
import io.vigil.queue.handler.HandlerRegistry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The real service, started in this JVM on a free port with the bundled defaults, the given YAML on top and the
 * given environment. Requests go through the JDK HTTP client, as any external caller's would.
 */
public final class RunningVigil implements AutoCloseable {
  private final Vigil vigil;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private String token;
  /** Every API answer this client received, checked against the OpenAPI document on close. */
  private final java.util.Queue<OpenApiConformance.Exchange> exchanges = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private RunningVigil(Vigil vigil, int port) {
    this.vigil = vigil;
    this.port = port;
  }

  public static RunningVigil start(String yaml) {
    return start(yaml, Map.of());
  }

  public static RunningVigil start(String yaml, Map<String, String> env) {
    return start(yaml, env, Clock.systemUTC());
  }

  public static RunningVigil start(String yaml, Map<String, String> env, Clock clock) {
    return start(yaml, env, clock, List.of());
  }

  /** @param leaderOnly verticles this node runs while it leads */
  public static RunningVigil start(String yaml, Map<String, String> env, Clock clock,
                                   List<Supplier<? extends Deployable>> leaderOnly) {
    int port = freePort();
    return start(ConfigSource.ofText(yaml, "test", environment(env, port), HandlerRegistry.availableNames()), port, clock,
        leaderOnly);
  }

  /**
   * The real service started from a configuration file, as {@code java -jar vigil.jar --config file} starts it: the
   * file is watched and {@code POST /api/config/reload} re-reads it.
   */
  public static RunningVigil startWithFile(Path file, Map<String, String> env) {
    int port = freePort();
    return start(ConfigSource.of(file, environment(env, port), HandlerRegistry.availableNames()), port, Clock.systemUTC(),
        List.of());
  }

  private static RunningVigil start(ConfigSource source, int port, Clock clock,
                                    List<Supplier<? extends Deployable>> leaderOnly) {
    LoadedConfig loaded = source.withChecks(List.of(ChannelConfigs.check())).load();
    return new RunningVigil(Await.result(Vigil.start(loaded, clock, leaderOnly), 60), port);
  }

  private static Map<String, String> environment(Map<String, String> env, int port) {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("VIGIL_HTTP_PORT", Integer.toString(port));
    environment.putIfAbsent("VIGIL_HTTP_INSTANCES", "2");
    return environment;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Vertx vertx() {
    return vigil.vertx();
  }

  /** This node's id (the cluster node id when clustered). */
  public String node() {
    return vigil.node();
  }

  public VigilConfig config() {
    return vigil.config();
  }

  public int port() {
    return port;
  }

  /** Sends {@code Authorization: Bearer <secret>} from now on (null: none). */
  public RunningVigil as(String secret) {
    this.token = secret;
    return this;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, JsonObject body, String... headers) {
    return post(path, body.encode(), "application/json", headers);
  }

  public Response post(String path, String body, String contentType, String... headers) {
    HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) builder.header("Content-Type", contentType);
    for (int i = 0; i + 1 < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    return send(builder);
  }

  public Response put(String path, JsonObject body) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body.encode())).header("Content-Type", "application/json"));
  }

  public Response send(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  public Response send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    Response response = Response.send(http, request);
    if (OpenApiConformance.covers(request.uri().getPath())) {
      exchanges.add(new OpenApiConformance.Exchange(request.method(), request.uri().getPath(), response.status(),
          response.header("Content-Type"), response.body()));
    }
    return response;
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15));
    if (token != null) builder.header("Authorization", "Bearer " + token);
    return builder;
  }

  public HttpClient client() {
    return http;
  }

  /**
   * Stops the node, then checks every API answer it gave this client against {@code openapi/vigil.yaml}: a suite
   * whose answers the document does not describe fails in its {@code @AfterAll}, naming each difference.
   */
  @Override
  public void close() {
    Await.result(vigil.close(), 60);
    List<String> violations = exchanges.stream().flatMap(e -> OpenApiConformance.violations(e).stream()).distinct().toList();
    if (!violations.isEmpty()) {
      throw new AssertionError(violations.size() + " answer(s) differ from the OpenAPI document (src/main/resources/"
          + "openapi/vigil.yaml):\n  " + String.join("\n  ", violations.subList(0, Math.min(30, violations.size()))));
    }
  }
}
