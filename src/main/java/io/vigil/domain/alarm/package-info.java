/**
 * Alarms as pure logic (issue 16): rules, the alarm lifecycle, silences, dependency suppression, grouping,
 * reminders, escalation and the decision to stop the line. JDK only; no I/O, no timers, no threads.
 *
 * <h2>How the alarm verticle drives it</h2>
 * <ol>
 *   <li><b>Start / becoming leader:</b> build {@link io.vigil.domain.alarm.AlarmEngine} from the configured rules
 *   ({@link io.vigil.domain.alarm.DefaultRules#all()} plus the user's) and {@link io.vigil.domain.alarm.Routing},
 *   then {@link io.vigil.domain.alarm.AlarmEngine#restore restore} it from the store's open alarms and silences.</li>
 *   <li><b>Facts:</b> turn each bus fact into {@link io.vigil.domain.alarm.Sample}s of the metrics in
 *   {@link io.vigil.domain.alarm.AlarmMetrics} (one {@code onSamples} call per statistics round, so what trips
 *   together goes out together) and component status changes into
 *   {@link io.vigil.domain.alarm.ComponentFact}s. Add a {@code component} label where a series belongs to a
 *   component (or set it as a rule label) so dependency suppression can apply.</li>
 *   <li><b>Time:</b> call {@code tick()} at {@code nextWakeUp()} (a one-shot timer re-armed after every call), or
 *   every second.</li>
 *   <li><b>People and config:</b> {@code acknowledge}, {@code resolve} ({@link
 *   io.vigil.domain.alarm.AlarmNotFoundException} → 404, {@link io.vigil.domain.IllegalTransitionException} → 409),
 *   {@code addSilence} / {@code removeSilence}, {@code replaceRules} on reload ({@link
 *   io.vigil.domain.alarm.InvalidRuleException} lists every bad field by its key), {@code testRule} for
 *   {@code POST /api/rules/test}.</li>
 *   <li><b>Every call returns {@link io.vigil.domain.alarm.Decisions}:</b> persist {@code alarms()} (latest
 *   snapshot per alarm) and {@code timeline()} together with the outbox rows of {@code notifications()} — in one
 *   transaction, or a crash between them re-sends or loses a message; each intent carries one stable key per alarm
 *   for an idempotent outbox. Then publish {@code transitions()} and {@code flagChanges()}
 *   ({@code vigil.alarm.state.changed}) and send each {@code stopRequests()} to the control verticle.</li>
 * </ol>
 *
 * <p>A notification intent may name no channel (the routing gives none for its severity); it is still recorded,
 * so its resolve follows the same path. Mapping an intent to the channels' {@code Notification} is the notify
 * side's job.
 */
package io.vigil.domain.alarm;
