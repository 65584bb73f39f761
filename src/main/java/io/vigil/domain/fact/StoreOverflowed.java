package io.vigil.domain.fact;

import io.vigil.domain.Severity;

import java.util.Map;

/** The store's buffer is at its hard limit and rows are being refused (once per overflow episode). */
public record StoreOverflowed(Stamp stamp, String backend, int refused, long refusedTotal, int buffered)
    implements Fact {

  @Override
  public String type() {
    return "store.overflow";
  }

  @Override
  public Severity severity() {
    return Severity.CRITICAL;
  }

  @Override
  public String component() {
    return "store:" + backend;
  }

  @Override
  public String message() {
    return "the store's buffer is full (" + buffered + " rows): " + refused + " row(s) refused, " + refusedTotal
        + " since start; see the log for their ids";
  }

  @Override
  public Map<String, Object> details() {
    return Details.of("refused", refused, "refused_total", refusedTotal, "buffered", buffered);
  }
}
