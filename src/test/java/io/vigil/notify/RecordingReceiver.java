package io.vigil.notify;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static io.vigil.testing.Await.result;

/** A local HTTP receiver (Vert.x) that records every request and answers as the test tells it. */
public final class RecordingReceiver implements AutoCloseable {

  public record Request(String method, String path, MultiMap headers, Buffer body) {
    public JsonObject json() {
      return body.toJsonObject();
    }
  }

  public record Answer(int status, Map<String, String> headers, String body) {
    public static Answer of(int status, String body) {
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

  public static RecordingReceiver start(Vertx vertx) {
    RecordingReceiver r = new RecordingReceiver(vertx);
    result(r.server.listen(0, "127.0.0.1"));
    return r;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public void answer(Function<Request, Answer> answer) {
    this.answer = answer;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests as a receiver that drops a repeated {@code X-Vigil-Notification-Id} sees them. Delivery is at least
   * once — a sender killed after sending and before settling leaves the message to be sent again, with its id — but
   * never out of order: a repeat that comes after a later notification fails here.
   */
  public static List<Request> once(List<Request> requests) {
    List<Request> seen = new ArrayList<>();
    for (Request r : requests) {
      String id = r.headers().get(WebhookSigner.ID_HEADER);
      if (!seen.isEmpty() && id.equals(seen.get(seen.size() - 1).headers().get(WebhookSigner.ID_HEADER))) continue;
      if (seen.stream().anyMatch(s -> id.equals(s.headers().get(WebhookSigner.ID_HEADER)))) {
        throw new AssertionError("notification " + id + " came again after a later one: " + requests.stream()
            .map(q -> q.headers().get(WebhookSigner.ID_HEADER) + " " + q.body().toJsonObject().getString("status")).toList());
      }
      seen.add(r);
    }
    return seen;
  }

  @Override
  public void close() {
    result(server.close());
  }
}
