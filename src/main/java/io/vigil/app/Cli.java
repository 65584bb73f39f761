package io.vigil.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.domain.Millis;
import io.vigil.observe.BuildInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands {@code java -jar vigil.jar} answers without starting a node: it is a short-lived HTTP client of a
 * running one (JDK HTTP client, bearer token from {@code --token} or {@code VIGIL_TOKEN}). {@code healthcheck} exits 0
 * when the node is ready and 1 when not (or unreachable) — the Docker {@code HEALTHCHECK} and a Kubernetes exec probe;
 * {@code status} prints the status line and the components ({@code --json}, {@code --watch}); {@code report} writes a
 * JSON health report. Exit 2 is a usage error.
 */
final class Cli {
  static final int OK = 0;
  static final int NOT_OK = 1;
  static final int USAGE = 2;
  static final List<String> COMMANDS = List.of("healthcheck", "status", "report");

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(3)).build();

  /** Parsed options of one command. */
  record Options(String url, String token, boolean json, boolean watch, int intervalSeconds, int iterations,
                 String output, Duration timeout) {}

  Cli(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  static String help() {
    return """
        Vigil %s — a reactive integration queue that guards itself.

        Usage:
          java -jar vigil.jar [--config PATH]          start a node
          java -jar vigil.jar --demo                   start a node with a synthetic workload and a
                                                       dependency that fails now and then; open
                                                       http://127.0.0.1:8080/ to watch it
          java -jar vigil.jar healthcheck [options]    exit 0 when the node is ready, 1 when not (Docker HEALTHCHECK, k8s exec probe)
          java -jar vigil.jar status [options]         the status line and every component
              --json                                   print it as JSON
              --watch [--interval SECONDS]             redraw every few seconds (default 5) until Ctrl-C
          java -jar vigil.jar report --output FILE     write a JSON health report: status, components and uptime,
                                                       queues, recent status changes
          java -jar vigil.jar --version                Vigil's version (also GET /api/version)
          java -jar vigil.jar --help                   this text

        Options of healthcheck, status and report:
          --url URL        the node to ask (default http://127.0.0.1:$VIGIL_HTTP_PORT, else port 8080; or $VIGIL_URL)
          --token TOKEN    a bearer token (default $VIGIL_TOKEN), needed when the node has auth tokens
          --timeout MS     how long to wait for an answer (default 3000)

        Configuration: conf/vigil.yaml (or --config PATH) over the bundled defaults; every key can be set from the
        environment as VIGIL_<KEY_PATH> (http.port -> VIGIL_HTTP_PORT). The README describes every setting, the API,
        the metrics and these commands.
        """.formatted(BuildInfo.version());
  }

  int run(String[] args) {
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      err.println("vigil: unknown command; see --help");
      return USAGE;
    }
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("vigil: " + e.getMessage() + "; see --help");
      return USAGE;
    }
    try {
      return switch (args[0]) {
        case "healthcheck" -> healthcheck(options);
        case "status" -> options.watch() ? watch(options) : status(options);
        default -> report(options);
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return NOT_OK;
    }
  }

  Options parse(String[] args) {
    String defaultUrl = env.getOrDefault("VIGIL_URL", "http://127.0.0.1:" + env.getOrDefault("VIGIL_HTTP_PORT", "8080"));
    String url = defaultUrl;
    String token = env.get("VIGIL_TOKEN");
    boolean json = false;
    boolean watch = false;
    int interval = 5;
    int iterations = 0;
    String output = null;
    long timeoutMs = 3_000;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--url" -> url = value(args, ++i, arg);
        case "--token" -> token = value(args, ++i, arg);
        case "--json" -> json = true;
        case "--watch" -> watch = true;
        case "--interval" -> interval = number(value(args, ++i, arg), arg, 1, 3600);
        case "--iterations" -> iterations = number(value(args, ++i, arg), arg, 1, Integer.MAX_VALUE);
        case "--output" -> output = value(args, ++i, arg);
        case "--timeout" -> timeoutMs = number(value(args, ++i, arg), arg, 100, 600_000);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (args[0].equals("report") && output == null) throw new IllegalArgumentException("report needs --output FILE");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("--url must be an http:// or https:// URL");
    }
    while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
    return new Options(url, token == null || token.isBlank() ? null : token, json, watch, interval, iterations, output,
        Duration.ofMillis(timeoutMs));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }

  private static int number(String text, String option, int min, int max) {
    try {
      long n = Long.parseLong(text);
      if (n >= min && n <= max) return (int) n;
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max);
  }

  // ---- healthcheck -----------------------------------------------------------------------------------------------

  private int healthcheck(Options options) throws InterruptedException {
    HttpResponse<String> ready;
    try {
      ready = get(options, "/health/ready");
    } catch (IOException e) {
      out.println("not ready: " + options.url() + " does not answer (" + describe(e) + ")");
      return NOT_OK;
    }
    if (ready.statusCode() == 200) {
      out.println("ready");
      return OK;
    }
    out.println("not ready: HTTP " + ready.statusCode() + down(ready.body()));
    return NOT_OK;
  }

  /** The checks that are DOWN, named. */
  private static String down(String body) {
    try {
      List<String> down = new ArrayList<>();
      for (Object check : new JsonObject(body).getJsonArray("checks", new JsonArray())) {
        JsonObject c = (JsonObject) check;
        if ("DOWN".equals(c.getString("status"))) down.add(c.getString("id"));
      }
      return down.isEmpty() ? "" : " (down: " + String.join(", ", down) + ")";
    } catch (DecodeException | ClassCastException e) {
      return "";
    }
  }

  // ---- status ----------------------------------------------------------------------------------------------------

  private int status(Options options) throws InterruptedException {
    JsonObject snapshot;
    try {
      snapshot = snapshot(options);
    } catch (IOException | IllegalStateException e) {
      err.println("vigil: " + options.url() + ": " + describe(e));
      return NOT_OK;
    }
    out.print(options.json() ? snapshot.encodePrettily() + "\n" : render(snapshot));
    out.flush();
    return OK;
  }

  /** Redraws the screen every interval, until interrupted (or after {@code --iterations}). */
  private int watch(Options options) throws InterruptedException {
    for (int drawn = 0; options.iterations() == 0 || drawn < options.iterations(); drawn++) {
      if (drawn > 0) Thread.sleep(options.intervalSeconds() * 1000L);
      String screen;
      try {
        JsonObject snapshot = snapshot(options);
        screen = options.json() ? snapshot.encodePrettily() + "\n" : render(snapshot);
      } catch (IOException | IllegalStateException e) {
        screen = "vigil: " + options.url() + ": " + describe(e) + "\n";
      }
      out.print("\033[H\033[2J" + screen + "\n(every " + options.intervalSeconds() + " s — Ctrl-C to stop)\n");
      out.flush();
    }
    return OK;
  }

  private JsonObject snapshot(Options options) throws IOException, InterruptedException {
    JsonObject status = json(options, "/api/status");
    JsonObject components = json(options, "/api/components");
    return new JsonObject().put("url", options.url()).put("at", Millis.format(Instant.now())).put("status", status)
        .put("components", components.getJsonArray("components", new JsonArray()));
  }

  static String render(JsonObject snapshot) {
    JsonObject status = snapshot.getJsonObject("status");
    StringBuilder text = new StringBuilder();
    text.append(status.getString("status", "unknown").toUpperCase(Locale.ROOT)).append(" — ")
        .append(status.getString("message")).append('\n');
    text.append("can accept work: ").append(yes(status.getBoolean("can_accept_work"))).append("   can publish: ")
        .append(yes(status.getBoolean("can_publish"))).append("   mode: ").append(status.getString("mode")).append("\n\n");
    text.append(String.format(Locale.ROOT, "%-28s %-10s %9s %8s %8s  %s%n", "COMPONENT", "STATUS", "LATENCY", "UP 24H",
        "FAILS", "LAST ERROR / SUGGESTED ACTION"));
    for (Object item : snapshot.getJsonArray("components")) {
      JsonObject c = (JsonObject) item;
      Double latency = c.getDouble("latency_ms");
      JsonObject uptime = c.getJsonObject("uptime", new JsonObject());
      Double day = uptime.getDouble("24h");
      String note = "healthy".equals(c.getString("status")) ? ""
          : String.valueOf(c.getString("last_error", c.getString("message", ""))) + (c.getString("suggested_action") == null
              ? "" : " → " + c.getString("suggested_action"));
      text.append(String.format(Locale.ROOT, "%-28s %-10s %9s %8s %8d  %s%n",
          truncate(c.getString("id") + (c.getBoolean("critical", false) ? " *" : ""), 28), c.getString("status"),
          latency == null ? "-" : String.format(Locale.ROOT, "%.1f ms", latency),
          day == null ? "-" : String.format(Locale.ROOT, "%.2f%%", day * 100), c.getInteger("consecutive_failures", 0),
          note));
    }
    text.append("(* critical: gates readiness and whether work is accepted)\n");
    return text.toString();
  }

  private static String yes(Boolean value) {
    return Boolean.TRUE.equals(value) ? "yes" : "no";
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  // ---- report ----------------------------------------------------------------------------------------------------

  private int report(Options options) throws InterruptedException {
    JsonObject report;
    try {
      report = new JsonObject()
          .put("generated_at", Millis.format(Instant.now()))
          .put("url", options.url())
          .put("vigil", json(options, "/api/version"))
          .put("status", json(options, "/api/status"))
          .put("components", json(options, "/api/components").getJsonArray("components", new JsonArray()))
          .put("queues", json(options, "/api/queues").getJsonArray("queues", new JsonArray()))
          .put("probe_stats", json(options, "/api/probes/stats"))
          .put("recent_failures", json(options, "/api/events?type=component.status.changed&limit=100")
              .getJsonArray("events", new JsonArray()));
    } catch (IOException | IllegalStateException e) {
      err.println("vigil: " + options.url() + ": " + describe(e));
      return NOT_OK;
    }
    try {
      Path file = Path.of(options.output());
      Files.writeString(file, report.encodePrettily() + "\n");
      out.println("report written to " + file.toAbsolutePath());
      return OK;
    } catch (IOException | RuntimeException e) {
      err.println("vigil: cannot write " + options.output() + ": " + describe(e));
      return NOT_OK;
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------------------------------

  private HttpResponse<String> get(Options options, String path) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.url() + path)).timeout(options.timeout())
        .header("Accept", "application/json").GET();
    if (options.token() != null) request.header("Authorization", "Bearer " + options.token());
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A 200 answer's JSON; anything else is an {@link IllegalStateException} with the problem's detail. */
  private JsonObject json(Options options, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(options, path);
    if (response.statusCode() != 200) {
      String detail;
      try {
        detail = new JsonObject(response.body()).getString("detail", "");
      } catch (DecodeException e) {
        detail = "";
      }
      throw new IllegalStateException(path + " answered HTTP " + response.statusCode() + (detail.isEmpty() ? "" : ": " + detail));
    }
    return new JsonObject(response.body());
  }

  private static String describe(Exception e) {
    if (e instanceof java.net.ConnectException) return "connection refused";
    if (e instanceof java.net.http.HttpTimeoutException) return "no answer in time";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
