package io.vigil.queue;

import java.util.List;

/**
 * A call's own answer and what the claim that rode on it leased.
 *
 * @param claimed the claimed tasks (perhaps none); null when the backend did not make the claim, so the caller
 *                claims as it would have without it
 */
public record WithClaim<T>(T result, List<ClaimedTask> claimed) {
  public static <T> WithClaim<T> notMade(T result) {
    return new WithClaim<>(result, null);
  }

  public boolean claimMade() {
    return claimed != null;
  }
}
