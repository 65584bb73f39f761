package io.vigil.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** An HTTP answer as a test reads it. */
public record Response(int status, Map<String, List<String>> headers, String body) {

  public String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .findFirst().map(e -> e.getValue().get(0)).orElse(null);
  }

  /** Sends {@code request} and reads the whole answer; a test fails on an I/O error. */
  public static Response send(java.net.http.HttpClient http, java.net.http.HttpRequest request) {
    try {
      java.net.http.HttpResponse<String> response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().map(), response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonObject json() {
    return new JsonObject(body);
  }

  public JsonArray array(String field) {
    return json().getJsonArray(field);
  }

  /** The problem document's {@code type} without the {@code urn:vigil:problem:} prefix. */
  public String problemType() {
    return json().getString("type").replace("urn:vigil:problem:", "");
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
