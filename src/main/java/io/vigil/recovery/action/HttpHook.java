package io.vigil.recovery.action;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;

/**
 * POSTs {@code {component, run_id, attempt_id, action, attempt, trigger}} to a remediation URL, signed like the webhook
 * channel when a key is configured ({@link HookSigner}); a 2xx answer is success.
 */
final class HttpHook implements RecoveryAction {
  private final WebClient client;
  private final String url;
  private final HookSigner signer;
  private final Clock clock;

  HttpHook(WebClient client, String url, HookSigner signer, Clock clock) {
    this.client = client;
    this.url = url;
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public Future<ActionResult> run(ActionContext c) {
    Buffer body = new JsonObject().put("component", c.component()).put("run_id", c.runId())
        .put("attempt_id", c.attemptId()).put("action", c.action()).put("attempt", c.attempt())
        .put("trigger", c.trigger()).toBuffer();
    var request = client.postAbs(url).putHeader("Content-Type", "application/json")
        .putHeader(HookSigner.ID_HEADER, c.attemptId());
    if (signer != null) {
      long now = clock.millis() / 1000;
      request.putHeader(HookSigner.TIMESTAMP_HEADER, Long.toString(now))
          .putHeader(HookSigner.SIGNATURE_HEADER, signer.sign(now, body.getBytes()));
    }
    return request.sendBuffer(body).map(response -> response.statusCode() / 100 == 2
        ? ActionResult.ok("hook answered " + response.statusCode())
        : ActionResult.failed("hook answered " + response.statusCode()));
  }
}
