package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.queue.EnqueueResult;
import io.vigil.queue.NewTask;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.vigil.testing.Await.failure;
import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** The split itself, with a stand-in for the script call that records what each call carried. */
class SlotSplitterTest {
  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private final RedisKeys keys = new RedisKeys("vigil");
  private final SlotSplitter splitter = new SlotSplitter(keys);
  /** The calls the stand-in received, each a list of calls' parts. */
  private final List<List<List<NewTask>>> sent = new ArrayList<>();

  private NewTask task(String queue, String key) {
    return new NewTask(Task.create(ids.next(), queue, "t", "{}", Priority.NORMAL, null, 3, key, clock.instant()), "fp");
  }

  /** Places everything, except that a task with the key "taken" conflicts, and queue "down" fails its whole call. */
  private Future<List<Future<EnqueueResult>>> script(List<List<NewTask>> calls) {
    sent.add(calls);
    if (calls.stream().flatMap(List::stream).anyMatch(t -> t.task().queue().equals("down"))) {
      return Future.failedFuture(new IllegalStateException("CLUSTERDOWN"));
    }
    List<Future<EnqueueResult>> answers = new ArrayList<>();
    for (List<NewTask> call : calls) {
      List<EnqueueResult.Conflict> conflicts = new ArrayList<>();
      for (int i = 0; i < call.size(); i++) {
        if ("taken".equals(call.get(i).task().idempotencyKey())) {
          conflicts.add(new EnqueueResult.Conflict(i, "taken", "old"));
        }
      }
      answers.add(Future.succeededFuture(conflicts.isEmpty()
          ? EnqueueResult.placed(call.stream().map(t -> new EnqueueResult.Placed(t.task(), false)).toList())
          : EnqueueResult.conflicted(conflicts)));
    }
    return Future.succeededFuture(answers);
  }

  @Test
  void callsWhoseTasksShareOneSlotGoAsTheyAreInOneScriptCall() {
    List<List<NewTask>> calls = List.of(List.of(task("jobs", null), task("jobs", null)), List.of(task("jobs", null)));

    result(splitter.enqueue(calls, this::script));

    assertThat(sent).containsExactly(calls);
  }

  @Test
  void tasksInSeveralSlotsGoOneScriptCallPerSlotAndEachCallIsAnsweredInItsSubmittedOrder() {
    List<NewTask> mixed = List.of(task("jobs", null), task("small", null), task("other", null), task("jobs", null));
    List<NewTask> single = List.of(task("small", null));

    List<Future<EnqueueResult>> answers = result(splitter.enqueue(List.of(mixed, single), this::script));

    assertThat(sent).hasSize(3).allSatisfy(call -> assertThat(call.stream().flatMap(List::stream)
        .map(t -> HashSlot.of(keys.queue(t.task().queue()))).distinct()).hasSize(1));
    assertThat(answers.get(0).result().placed()).extracting(EnqueueResult.Placed::task)
        .containsExactlyElementsOf(mixed.stream().map(NewTask::task).toList());
    assertThat(answers.get(1).result().placed()).extracting(EnqueueResult.Placed::task)
        .containsExactly(single.get(0).task());
  }

  @Test
  void aConflictInOnePartRefusesOnlyItsOwnCallAtThePositionAsSubmitted() {
    List<NewTask> conflicting = List.of(task("jobs", null), task("small", null), task("small", "taken"));
    List<NewTask> bystander = List.of(task("small", null));

    List<Future<EnqueueResult>> answers = result(splitter.enqueue(List.of(conflicting, bystander), this::script));

    assertThat(answers.get(0).result().conflicts()).containsExactly(new EnqueueResult.Conflict(2, "taken", "old"));
    assertThat(answers.get(1).result().hasConflicts()).isFalse();
  }

  @Test
  void aSlotWhoseCallFailsFailsTheCallsWithTasksInItAndNoOther() {
    List<NewTask> touchingDown = List.of(task("jobs", null), task("down", null));
    List<NewTask> elsewhere = List.of(task("jobs", null));

    List<Future<EnqueueResult>> answers = result(splitter.enqueue(List.of(touchingDown, elsewhere), this::script));

    assertThat(failure(answers.get(0))).hasMessage("CLUSTERDOWN");
    assertThat(answers.get(1).result().placed()).hasSize(1);
  }
}
