package io.vigil.notify;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static io.vigil.testing.Await.result;

/** A local HTTP receiver (Vert.x) that records every request and answers as the test tells it. */
final class RecordingReceiver implements AutoCloseable {

  record Request(String method, String path, MultiMap headers, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  record Answer(int status, Map<String, String> headers, String body) {
    static Answer of(int status, String body) {
      return new Answer(status, Map.of(), body);
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile Function<Request, Answer> answer = r -> Answer.of(200, "ok");

  private RecordingReceiver(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      Request r = new Request(req.method().name(), req.uri(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()),
          body);
      requests.add(r);
      Answer a = answer.apply(r);
      req.response().setStatusCode(a.status());
      a.headers().forEach(req.response()::putHeader);
      req.response().end(a.body());
    }));
  }

  static RecordingReceiver start(Vertx vertx) {
    RecordingReceiver r = new RecordingReceiver(vertx);
    result(r.server.listen(0, "127.0.0.1"));
    return r;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  void answer(Function<Request, Answer> answer) {
    this.answer = answer;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    result(server.close());
  }
}
