package io.vigil.queue.memory;

import io.vigil.queue.BackendSettings;
import io.vigil.queue.QueueBackend;
import io.vigil.queue.QueueBackendContract;

import java.time.Clock;

class MemoryQueueBackendTest extends QueueBackendContract {
  @Override
  protected QueueBackend newBackend(Clock clock, BackendSettings settings) {
    return new MemoryQueueBackend(clock, settings);
  }
}
