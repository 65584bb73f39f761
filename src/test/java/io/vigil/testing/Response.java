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
