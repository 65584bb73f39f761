package io.vigil.queue.redis;

import io.vigil.domain.Degraded;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRecordsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aTaskSurvivesTheRoundTripThroughBodyAndState() {
    Task task = Task.create("0194-id", "jobs", "ty\"pé|x", "{\"a\":\"b\\nc\",\"n\":1e400}", Priority.HIGH,
        NOW.plusSeconds(5), 4, "këy|with\nnewline\uD83D\uDE00", NOW);

    Task back = TaskRecords.task("jobs", task.id(), TaskRecords.body(task), TaskRecords.state(task), null);

    assertThat(back).isEqualTo(task);
  }

  @Test
  void aGroupedTaskKeepsItsGroupAndAnUngroupedBodyIsWrittenAsBefore() {
    Task plain = Task.create("id", "jobs", "t", "{}", 5, null, 3, "k|/1", NOW);
    Task grouped = plain.withGroup("tenant:42@eu");

    assertThat(TaskRecords.body(plain)).isEqualTo(NOW.toEpochMilli() + "|1|4|tk|/1\n{}");
    assertThat(TaskRecords.task("jobs", "id", TaskRecords.body(grouped), TaskRecords.state(grouped), null))
        .isEqualTo(grouped);
    Task groupedWithoutKey = Task.create("id", "jobs", "t/x", "{}", 5, null, 3, null, NOW).withGroup("g");
    assertThat(TaskRecords.task("jobs", "id", TaskRecords.body(groupedWithoutKey), TaskRecords.state(groupedWithoutKey),
        null)).isEqualTo(groupedWithoutKey);
  }

  @Test
  void anErrorMayHoldTheSeparatorsAndAnEmptyErrorIsNotNull() {
    Task base = Task.create("id", "jobs", "t", "{}", 5, null, 3, null, NOW);
    Task withError = new Task(base.id(), base.queue(), base.type(), base.payload(), base.priority(), base.runAt(), 2, 3,
        null, TaskStatus.RETRYING, NOW, NOW.plusMillis(7), NOW.plusMillis(3), null, "a|b|=c\nd", null);
    Task emptyError = new Task(base.id(), base.queue(), base.type(), base.payload(), base.priority(), base.runAt(), 2, 3,
        null, TaskStatus.RETRYING, NOW, NOW, null, null, "", null);

    assertThat(TaskRecords.task("jobs", "id", TaskRecords.body(withError), TaskRecords.state(withError), null))
        .isEqualTo(withError);
    assertThat(TaskRecords.task("jobs", "id", TaskRecords.body(emptyError), TaskRecords.state(emptyError), null)
        .lastError()).isEmpty();
  }

  @Test
  void aDegradedMarkTravelsInTheResultValueAndAPlainResultIsStoredAsItIs() {
    Task active = Task.create("id", "jobs", "t", "{}", 5, null, 3, null, NOW).activated(NOW);
    Task cached = active.completed("{\"a\":\"|\\n\"}", new Degraded("cache", "http:x|y\n:443", NOW.minusSeconds(9)), NOW);
    Task fallback = active.completed(null, new Degraded("fallback-handler", "b", null), NOW);
    Task emptyResult = active.completed("", new Degraded("fallback-handler", "b", null), NOW);
    Task plain = active.completed("{\"a\":1}", NOW);
    Task oddResult = active.completed("\u0001-not json", NOW);

    for (Task task : new Task[] {cached, fallback, emptyResult, plain, oddResult}) {
      String value = TaskRecords.resultValue(task.result(), task.degraded());
      assertThat(TaskRecords.task("jobs", "id", TaskRecords.body(task), TaskRecords.state(task), value))
          .as("%s", value).isEqualTo(task);
    }
    assertThat(TaskRecords.resultValue("{\"a\":1}", null)).as("unchanged for a plain result").isEqualTo("{\"a\":1}");
    assertThat(TaskRecords.resultValue(null, null)).isNull();
  }

  @Test
  void theWaitScoreOrdersByPriorityThenReadyTime() {
    long now = NOW.toEpochMilli();

    assertThat(TaskRecords.waitScore(Priority.HIGH, now + 1_000_000)).isLessThan(TaskRecords.waitScore(Priority.NORMAL, now));
    assertThat(TaskRecords.waitScore(Priority.NORMAL, now)).isLessThan(TaskRecords.waitScore(Priority.NORMAL, now + 1));
    assertThat(TaskRecords.waitScore(Priority.MIN, now)).as("exact as a double").isLessThan(1L << 53);
  }
}
