package io.vigil.bus;

import io.vertx.core.json.JsonObject;

/** One invalid field of a request: {@code field} is a JSON path such as {@code tasks[3].priority}. */
public record FieldError(String field, String message) {
  public JsonObject toJson() {
    return new JsonObject().put("field", field).put("message", message);
  }
}
