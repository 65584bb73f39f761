package io.vigil.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows not yet confirmed written, oldest first: those waiting ({@link #queued()}) and those out in a write
 * ({@link #outstanding()}); a failed write puts its rows back at the front. Two bounds on the total: at
 * {@code highWater} rows it asks for back-pressure (kept until it drains to {@code lowWater}); at {@code hardMax}
 * it refuses further rows and says how many, so the caller can count and report them.
 */
final class WriteBuffer {
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final int highWater;
  private final int lowWater;
  private final int hardMax;
  private int outstanding;
  private boolean backpressure;

  WriteBuffer(int highWater, int lowWater, int hardMax) {
    if (lowWater >= highWater || highWater > hardMax) {
      throw new IllegalArgumentException("need lowWater < highWater <= hardMax");
    }
    this.highWater = highWater;
    this.lowWater = lowWater;
    this.hardMax = hardMax;
  }

  /** Appends what fits under the hard limit; answers how many rows were taken (the rest were refused). */
  int offer(List<? extends Pending> batch) {
    int room = Math.max(0, hardMax - size());
    int taken = Math.min(room, batch.size());
    for (int i = 0; i < taken; i++) queue.addLast(batch.get(i));
    return taken;
  }

  /** Takes the oldest waiting rows, at most {@code max}, out for a write; they count until confirmed or put back. */
  List<Pending> take(int max) {
    List<Pending> rows = new ArrayList<>(Math.min(max, queue.size()));
    while (rows.size() < max && !queue.isEmpty()) rows.add(queue.pollFirst());
    outstanding += rows.size();
    return rows;
  }

  /** Rows of a write that failed go back to the front, in their order, to be written first. */
  void putBack(List<Pending> rows) {
    for (int i = rows.size() - 1; i >= 0; i--) queue.addFirst(rows.get(i));
    outstanding -= rows.size();
  }

  /** Rows of a write that is settled (stored, or refused on their own) leave for good. */
  void confirm(int count) {
    outstanding -= count;
  }

  /** Every row not yet confirmed: waiting plus out in writes. */
  int size() {
    return queue.size() + outstanding;
  }

  int queued() {
    return queue.size();
  }

  int outstanding() {
    return outstanding;
  }

  Instant oldestQueuedArrival() {
    Pending first = queue.peekFirst();
    return first == null ? null : first.arrived();
  }

  boolean backpressure() {
    return backpressure;
  }

  /** Moves the back-pressure state with the fill level; answers true when it changed. */
  boolean updateBackpressure() {
    if (!backpressure && size() >= highWater) {
      backpressure = true;
      return true;
    }
    if (backpressure && size() <= lowWater) {
      backpressure = false;
      return true;
    }
    return false;
  }
}
