package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vigil.queue.EnqueueResult;
import io.vigil.queue.NewTask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Redis Cluster only: a script may touch the keys of one slot, and every queue's keys share its own slot, so an
 * enqueue whose tasks span queues in several slots (one batch across queues, or several callers' calls merged) is
 * sent as one script call per slot, in parallel, and each caller's answer is put back together from its parts.
 * Each part is atomic on its own; across slots a batch is not: a conflict in one part refuses the batch (its answer
 * is the conflicts, positions as submitted) while the parts for other slots may already be placed. Idempotency
 * keys are per queue, so a repeated key is still recognised exactly as on a single Redis.
 */
final class SlotSplitter {
  /** One script call: the calls' tasks in it, an answer per call. */
  interface OneSlot extends Function<List<List<NewTask>>, Future<List<Future<EnqueueResult>>>> {}

  /** The tasks of one call that fall in one slot, by their position in that call. */
  private record Part(int call, List<Integer> positions) {}

  private final RedisKeys keys;

  SlotSplitter(RedisKeys keys) {
    this.keys = keys;
  }

  /** {@code calls} in one script call when all their tasks share a slot, else one script call per slot. */
  Future<List<Future<EnqueueResult>>> enqueue(List<List<NewTask>> calls, OneSlot send) {
    Map<Integer, Map<Integer, List<Integer>>> bySlot = new LinkedHashMap<>(); // slot -> call -> positions
    Map<String, Integer> slotOfQueue = new LinkedHashMap<>();
    for (int c = 0; c < calls.size(); c++) {
      List<NewTask> call = calls.get(c);
      for (int i = 0; i < call.size(); i++) {
        int slot = slotOfQueue.computeIfAbsent(call.get(i).task().queue(), q -> HashSlot.of(keys.queue(q)));
        bySlot.computeIfAbsent(slot, s -> new LinkedHashMap<>()).computeIfAbsent(c, x -> new ArrayList<>()).add(i);
      }
    }
    if (bySlot.size() <= 1) return send.apply(calls);

    List<List<Part>> partsBySlot = new ArrayList<>();
    List<Future<List<Future<EnqueueResult>>>> sent = new ArrayList<>();
    for (Map<Integer, List<Integer>> slot : bySlot.values()) {
      List<Part> parts = slot.entrySet().stream().map(e -> new Part(e.getKey(), e.getValue())).toList();
      List<List<NewTask>> subCalls = parts.stream()
          .map(p -> p.positions().stream().map(calls.get(p.call())::get).toList()).toList();
      partsBySlot.add(parts);
      Future<List<Future<EnqueueResult>>> answer;
      try {
        answer = send.apply(subCalls);
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      sent.add(answer);
    }
    return Future.join(sent).transform(done -> {
      List<Map<Part, Future<EnqueueResult>>> byCall = new ArrayList<>();
      calls.forEach(c -> byCall.add(new LinkedHashMap<>()));
      for (int s = 0; s < sent.size(); s++) {
        Future<List<Future<EnqueueResult>>> slotAnswer = sent.get(s);
        List<Part> parts = partsBySlot.get(s);
        for (int k = 0; k < parts.size(); k++) {
          Part part = parts.get(k);
          byCall.get(part.call()).put(part,
              slotAnswer.failed() ? Future.failedFuture(slotAnswer.cause()) : slotAnswer.result().get(k));
        }
      }
      List<Future<EnqueueResult>> answers = new ArrayList<>(calls.size());
      for (int c = 0; c < calls.size(); c++) answers.add(merge(calls.get(c).size(), byCall.get(c)));
      return Future.succeededFuture(answers);
    });
  }

  /** One call's answer from its parts: a failed part fails it, a conflicting part refuses it, else all placed. */
  private static Future<EnqueueResult> merge(int size, Map<Part, Future<EnqueueResult>> parts) {
    for (Future<EnqueueResult> part : parts.values()) {
      if (part.failed()) return Future.failedFuture(part.cause());
    }
    List<EnqueueResult.Conflict> conflicts = new ArrayList<>();
    parts.forEach((part, answer) -> answer.result().conflicts().forEach(c -> conflicts.add(
        new EnqueueResult.Conflict(part.positions().get(c.index()), c.idempotencyKey(), c.existingTaskId()))));
    if (!conflicts.isEmpty()) {
      conflicts.sort(Comparator.comparingInt(EnqueueResult.Conflict::index));
      return Future.succeededFuture(EnqueueResult.conflicted(conflicts));
    }
    EnqueueResult.Placed[] placed = new EnqueueResult.Placed[size];
    parts.forEach((part, answer) -> {
      for (int k = 0; k < part.positions().size(); k++) placed[part.positions().get(k)] = answer.result().placed().get(k);
    });
    return Future.succeededFuture(EnqueueResult.placed(List.of(placed)));
  }
}
