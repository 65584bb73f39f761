package io.vigil.bus;

import io.vigil.domain.Task;

import java.util.List;

/** Tasks that reached completed, dead or cancelled, in the state they finished in (for history). */
public record FinishedTasks(List<Task> tasks) {}
