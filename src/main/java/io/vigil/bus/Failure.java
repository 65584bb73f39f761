package io.vigil.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A coded failure of a bus command. {@code status} is the HTTP status it maps to and the bus failure code;
 * {@code code} is a stable slug clients can switch on; the rest travels as JSON in the failure message.
 */
public record Failure(int status, String code, String detail, List<FieldError> errors, Integer retryAfterSeconds) {

  public Failure {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static Failure of(int status, String code, String detail) {
    return new Failure(status, code, detail, List.of(), null);
  }

  public static Failure invalid(List<FieldError> errors) {
    String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
        : errors.size() + " fields are invalid";
    return new Failure(422, Codes.VALIDATION_FAILED, detail, errors, null);
  }

  public static Failure notFound(String what) {
    return of(404, Codes.NOT_FOUND, what + " not found");
  }

  public static Failure unavailable(String code, String detail, Integer retryAfterSeconds) {
    return new Failure(503, code, detail, List.of(), retryAfterSeconds);
  }

  public FailureException asException() {
    return new FailureException(this);
  }

  /** Fails a bus request with this failure. */
  public void replyTo(Message<?> message) {
    message.fail(status, toJson().encode());
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("code", code).put("detail", detail);
    if (!errors.isEmpty()) json.put("errors", new JsonArray(errors.stream().map(FieldError::toJson).toList()));
    if (retryAfterSeconds != null) json.put("retry_after", retryAfterSeconds);
    return json;
  }

  /**
   * What a failed bus request means to the caller. A recipient's coded failure comes back as it was sent; no
   * handler or a timeout means the component that should answer is not there (503).
   */
  public static Failure from(Throwable error) {
    if (error instanceof FailureException fe) return fe.failure();
    if (error instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        return of(503, Codes.COMPONENT_UNAVAILABLE, "the component that answers this is not running");
      }
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        return of(503, Codes.COMPONENT_UNAVAILABLE, "the component that answers this did not reply in time");
      }
      String message = re.getMessage();
      if (message != null && message.startsWith("{")) {
        try {
          JsonObject json = new JsonObject(message);
          JsonArray errors = json.getJsonArray("errors", new JsonArray());
          List<FieldError> fields = errors.stream().map(JsonObject.class::cast)
              .map(e -> new FieldError(e.getString("field"), e.getString("message"))).toList();
          return new Failure(re.failureCode(), json.getString("code", Codes.INTERNAL), json.getString("detail", ""),
              fields, json.getInteger("retry_after"));
        } catch (RuntimeException ignored) {
          // fall through: not one of ours
        }
      }
      int status = re.failureCode() >= 400 && re.failureCode() < 600 ? re.failureCode() : 500;
      return of(status, Codes.INTERNAL, message == null ? "failed" : message);
    }
    return of(500, Codes.INTERNAL, "internal error");
  }

  /** The stable codes. Each names one problem type; the HTTP layer turns it into {@code urn:vigil:problem:<code>}. */
  public static final class Codes {
    private Codes() {}

    public static final String MALFORMED_JSON = "malformed-json";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String UNKNOWN_TASK_TYPE = "unknown-task-type";
    public static final String UNKNOWN_QUEUE = "unknown-queue";
    public static final String NOT_FOUND = "not-found";
    public static final String NOT_CANCELLABLE = "not-cancellable";
    public static final String ILLEGAL_MODE_TRANSITION = "illegal-mode-transition";
    public static final String ILLEGAL_ALARM_TRANSITION = "illegal-alarm-transition";
    public static final String IDEMPOTENCY_CONFLICT = "idempotency-conflict";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String SYSTEM_STOPPED = "system-stopped";
    public static final String BACKEND_UNAVAILABLE = "backend-unavailable";
    public static final String STORE_UNAVAILABLE = "store-unavailable";
    public static final String COMPONENT_UNAVAILABLE = "component-unavailable";
    public static final String TASK_FAILED = "task-failed";
    public static final String TOO_MANY_REQUESTS = "too-many-requests";
    public static final String INTERNAL = "internal";
    public static final String NO_CONFIG_FILE = "no-config-file";
    public static final String RECOVERY_REFUSED = "recovery-refused";
  }
}
