package io.vigil.queue.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.domain.Priority;
import io.vigil.domain.Task;
import io.vigil.domain.TaskIds;
import io.vigil.domain.TaskStatus;
import io.vigil.queue.ClaimRequest;
import io.vigil.queue.WithClaim;
import io.vigil.queue.BackendSettings;
import io.vigil.queue.EnqueueResult;
import io.vigil.queue.NewTask;
import io.vigil.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigil.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Enqueue calls made while one is under way are merged into one script call, each keeping its own answer. */
class RedisEnqueueIT {
  private static final String Q = "jobs";
  private static final BackendSettings SETTINGS = new BackendSettings(Duration.ofHours(1),
      Map.of(Q, BackendSettings.DEFAULT_RETENTION));
  private static RedisTestSupport redis;

  private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
  private final TaskIds ids = new TaskIds(clock);
  private String prefix;
  private RedisQueueBackend backend;

  @BeforeAll
  static void connect() {
    redis = new RedisTestSupport();
  }

  @AfterAll
  static void disconnect() {
    if (redis != null) redis.close();
  }

  @BeforeEach
  void createBackend() {
    prefix = RedisTestSupport.freshPrefix();
    backend = new RedisQueueBackend(redis.vertx, RedisTestSupport.config(prefix, 2), SETTINGS, Map.of(), clock);
  }

  @AfterEach
  void deleteKeys() {
    redis.deleteUnder(prefix);
    result(backend.close());
  }

  private NewTask keyed(String key, String fingerprint) {
    return new NewTask(Task.create(ids.next(), Q, "email", "{}", Priority.NORMAL, null, 3, key, clock.instant()),
        fingerprint);
  }

  private NewTask plain() {
    return keyed(null, null);
  }

  @Test
  void callsMergedIntoOneRoundTripEachGetTheAnswerTheyWouldHaveGotAlone() {
    NewTask first = keyed("k", "fp-a");
    NewTask conflicting = keyed("k", "fp-b");
    NewTask bystander = plain();
    NewTask repeat = keyed("k", "fp-a");
    NewTask other = plain();

    // the first call goes at once; the rest arrive while it is under way and travel together. Redis holds script
    // calls for a moment (CLIENT PAUSE ... WRITE), so the first is still under way however fast this thread is
    redis.send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(300).arg("WRITE"));
    List<Future<EnqueueResult>> calls = new ArrayList<>();
    calls.add(backend.enqueue(List.of(plain())));
    calls.add(backend.enqueue(List.of(first)));
    calls.add(backend.enqueue(List.of(bystander, conflicting)));
    calls.add(backend.enqueue(List.of(repeat, other)));
    List<EnqueueResult> answers = calls.stream().map(f -> result(f)).toList();

    assertThat(backend.enqueueRoundTrips()).as("round trips for four calls: the first, then the other three").isEqualTo(2);
    assertThat(answers.get(1).placed()).singleElement().satisfies(p -> assertThat(p.duplicate()).isFalse());
    assertThat(answers.get(2).hasConflicts()).isTrue();
    assertThat(answers.get(2).conflicts()).singleElement().satisfies(c -> {
      assertThat(c.index()).isEqualTo(1);
      assertThat(c.existingTaskId()).isEqualTo(first.task().id());
    });
    assertThat(answers.get(3).placed()).extracting(p -> p.task().id(), EnqueueResult.Placed::duplicate)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(first.task().id(), true),
            org.assertj.core.groups.Tuple.tuple(other.task().id(), false));
    assertThat(result(backend.get(bystander.task().id()))).as("the conflicting call added nothing").isEmpty();
    assertThat(result(backend.stats(Q)).waiting()).isEqualTo(3);
  }

  @Test
  void aDuplicateOfATaskStoredByAnEarlierCallComesBackAsItIsNow() {
    NewTask first = keyed("k", "fp-a");
    result(backend.enqueue(List.of(first)));

    List<Future<EnqueueResult>> calls = List.of(backend.enqueue(List.of(plain())), backend.enqueue(List.of(keyed("k", "fp-a"))));

    EnqueueResult again = result(calls.get(1));
    assertThat(again.placed()).singleElement().satisfies(p -> {
      assertThat(p.duplicate()).isTrue();
      assertThat(p.task().id()).isEqualTo(first.task().id());
      assertThat(p.task().createdAt()).isEqualTo(first.task().createdAt());
    });
  }

  @Test
  void anEnqueueThatClaimsOnARateLimitedQueueLeasesOnlyWhatItsTokensAllowAndKeepsTheRestQueued() {
    result(backend.close());
    backend = new RedisQueueBackend(redis.vertx, RedisTestSupport.config(prefix, 2), SETTINGS, Map.of(Q, 1.0), clock);
    ClaimRequest claim = new ClaimRequest(Q, 10, Duration.ofSeconds(30));
    NewTask first = plain();
    NewTask second = plain();
    NewTask third = plain();

    assertThat(result(backend.enqueueAndClaim(List.of(first, second), claim)).claimed())
        .as("one token in a full bucket").extracting(c -> c.task().id()).containsExactly(first.task().id());
    assertThat(result(backend.get(second.task().id()))).get().extracting(Task::status).isEqualTo(TaskStatus.QUEUED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(result(backend.claim(Q, 10, Duration.ofSeconds(30)))).extracting(c -> c.task().id())
        .as("the next token takes the one left waiting").containsExactly(second.task().id());

    assertThat(result(backend.enqueueAndClaim(List.of(third), claim)).claimed())
        .as("no token left, nothing else waiting").isEmpty();
    assertThat(result(backend.get(third.task().id()))).get().extracting(Task::status).isEqualTo(TaskStatus.QUEUED);
    assertThat(result(backend.stats(Q)).waiting()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(result(backend.claim(Q, 10, Duration.ofSeconds(30)))).extracting(c -> c.task().id())
        .containsExactly(third.task().id());
  }

  @Test
  void aCallThatCannotBeBuiltFailsAloneAndLaterCallsStillGoThrough() {
    Throwable failure = io.vigil.testing.Await.failure(backend.enqueue(List.of(new NewTask(null, "fp"))));

    assertThat(failure).isInstanceOf(NullPointerException.class);
    assertThat(result(backend.enqueue(List.of(plain()))).placed()).hasSize(1);
  }
}
