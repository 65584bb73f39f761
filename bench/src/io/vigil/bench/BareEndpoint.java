package io.vigil.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The physical limit for {@code POST /api/tasks} on this machine: a bare Vert.x endpoint that reads the JSON body
 * and answers 202 with a small JSON, nothing else (no bus, no queue). It deploys as many event-loop verticles as
 * Vigil deploys HttpVerticles (one per core), so both sides have the same number of accepting event loops.
 *
 * <p>{@code --port P} (required) serves it on plain vertx-core ({@code HttpServer} + {@code request.body()}).
 * {@code --web-port Q} (optional) serves the same answer through vertx-web ({@code Router} + {@code BodyHandler} +
 * {@code ctx.body().asJsonObject()}), Vigil's HTTP stack without Vigil: the gap between the two tells how much of
 * Vigil's cost is the web framework.
 *
 * <p>Usage: {@code java -cp target/vigil.jar:bench/out io.vigil.bench.BareEndpoint --port 18080 [--web-port 18081]
 * [--instances N]}
 */
public final class BareEndpoint {
  private BareEndpoint() {}

  public static void main(String[] args) {
    int port = BenchSupport.intArg(args, "--port", 0);
    int webPort = BenchSupport.intArg(args, "--web-port", 0);
    int instances = BenchSupport.intArg(args, "--instances", Math.max(1, Runtime.getRuntime().availableProcessors()));
    if (port <= 0) {
      System.err.println("usage: BareEndpoint --port P [--web-port Q] [--instances N]");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    DeploymentOptions options = new DeploymentOptions().setInstances(instances)
        .setThreadingModel(ThreadingModel.EVENT_LOOP);
    vertx.deployVerticle(() -> new Core(port), options).await();
    if (webPort > 0) {
      vertx.deployVerticle(() -> new Web(webPort), options).await();
    }
    System.out.println("bare endpoint: core on 127.0.0.1:" + port
        + (webPort > 0 ? ", vertx-web on 127.0.0.1:" + webPort : "") + ", " + instances + " event-loop verticle(s) each");
  }

  private static String answer(JsonObject in, long seq) {
    return new JsonObject().put("id", seq).put("type", in.getString("type")).put("status", "queued").encode();
  }

  /** vertx-core only. */
  private static final class Core extends VerticleBase {
    private final int port;
    private long seq;
    private HttpServer server;

    Core(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port));
      return server.requestHandler(this::handle).listen();
    }

    private void handle(HttpServerRequest req) {
      if (req.method() != HttpMethod.POST) {
        req.response().setStatusCode(405).end();
        return;
      }
      req.body().onComplete(body -> {
        if (body.failed()) {
          req.response().setStatusCode(400).end();
          return;
        }
        JsonObject in;
        try {
          in = body.result().toJsonObject();
        } catch (RuntimeException e) {
          req.response().setStatusCode(400).end();
          return;
        }
        req.response().setStatusCode(202).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(answer(in, ++seq));
      });
    }
  }

  /** vertx-web: Router, BodyHandler, ctx.json, as Vigil's HttpVerticle uses them. */
  private static final class Web extends VerticleBase {
    private final int port;
    private long seq;
    private HttpServer server;

    Web(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      Router router = Router.router(vertx);
      router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
      router.post("/api/tasks").handler(ctx -> {
        JsonObject in = ctx.body().asJsonObject();
        if (in == null) {
          ctx.fail(400);
          return;
        }
        ctx.response().setStatusCode(202).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(answer(in, ++seq));
      });
      server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port));
      return server.requestHandler(router).listen();
    }
  }
}
