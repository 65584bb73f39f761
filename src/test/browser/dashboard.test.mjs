// The dashboard in real headless Chromium against a running Vigil (DashboardBrowserIT starts it and runs this file
// with node's test runner). Each test is a sentence; screenshots go to target/browser.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, launch, open, signIn, screenshot, call, proxy, probeTarget } from './harness.mjs';

const TILE = '#components article.tile[data-component="probe-target"]';
/** The alarm the built-in rule external-service-down opens (no `for`: at once) while the probe target is down. */
const ALARM = '#alarms tr[data-alarm]:has-text("External service probe-target is unhealthy")';
const BREAKER = '#breakers tr[data-breaker="probe:breaker-target"]';

let browser;
let front;
let target;

before(async () => {
  browser = await launch();
  front = await proxy(env.vigil);
  target = await probeTarget();
});

after(async () => {
  await browser?.close();
  await front?.close();
  await target?.stop();
});

test('the page loads with no console errors and shows the status, components, queues, mode and stream', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.admin);
  await page.waitForSelector('tr[data-queue="default"]');
  await page.waitForSelector('#mode[data-mode="async_queue"]');
  await page.waitForSelector('[data-chart="throughput"] .uplot');
  // in the chart's first seconds too, its time axis shows whole clock times, not seconds with decimals
  const ticks = await page.waitForFunction(() => document.querySelector('[data-chart="throughput"]').dataset.xTicks);
  await screenshot(page, 'charts-first-seconds');
  for (const tick of (await ticks.jsonValue()).split(' ')) assert.match(tick, /^\d\d:\d\d(:\d\d)?$/);
  await page.waitForSelector('#overall[data-status="healthy"]', { timeout: 15_000 });
  assert.match(await page.textContent('#status-line'), /\S/, 'the header has the plain-language status line');
  await page.waitForSelector(`${TILE}[data-status="healthy"] .spark[data-points] .uplot`, { timeout: 15_000 });
  // a few more seconds of stream: later events and requests must not log errors either
  await page.waitForFunction(() => Number(document.querySelector('#components .spark')?.dataset.points) >= 8,
    null, { timeout: 15_000 });
  await screenshot(page, 'dashboard-light');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a probe target going down turns its tile red and an alarm appears within 2 s', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.operator);
  await page.waitForSelector(`${TILE}[data-status="healthy"]`, { timeout: 15_000 });
  assert.match(await page.textContent(`${TILE} [data-field="depends-on"]`), /Probe target parent/);

  const stoppedAt = Date.now();
  await target.stop();
  await page.waitForSelector(`${TILE}[data-status="unhealthy"].tone-bad`, { timeout: 2_000 });
  const took = Date.now() - stoppedAt;
  await page.waitForSelector(`${ALARM}[data-state="firing"]`, { timeout: 2_000 });
  const alarmTook = Date.now() - stoppedAt;
  await page.waitForSelector(`${TILE} [data-field="last-error"]`);
  assert.match(await page.textContent(`${TILE} [data-field="action"]`), /probe target is down/);
  await screenshot(page, 'component-down');

  target = await probeTarget();
  await page.waitForSelector(`${TILE}[data-status="healthy"]`, { timeout: 10_000 });
  await page.waitForSelector(ALARM, { state: 'detached', timeout: 10_000 }); // resolved: no longer open
  await page.click(`${TILE} button:has-text("Run probe now")`);
  await page.waitForSelector('.toast:has-text("Probe target: ok")', { timeout: 10_000 });
  assert.ok(took <= 2_000, `red after ${took} ms`);
  assert.ok(alarmTook <= 2_000, `the alarm after ${alarmTook} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Stops the probe target until the alarm fires on the page, runs the test, then starts the target again. */
async function whileTheTargetIsDown(page, body) {
  await target.stop();
  try {
    await page.waitForSelector(`${ALARM}[data-state="firing"]`, { timeout: 10_000 });
    await body();
  } finally {
    target = await probeTarget();
  }
  await page.waitForSelector(ALARM, { state: 'detached', timeout: 10_000 });
}

async function openAlarm() {
  const { alarms } = await call('GET', '/api/alarms?state=open&rule=external-service-down');
  const alarm = alarms.find(a => a.labels.component === 'probe-target');
  assert.ok(alarm, 'the probe target\'s alarm is open');
  return alarm;
}

test('acknowledging an alarm from the page changes its state', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.operator);
  await whileTheTargetIsDown(page, async () => {
    await page.click(`${ALARM} button:has-text("Acknowledge")`);
    await page.fill('#reason-input', 'browser test: on it');
    await page.click('#reason-confirm');
    await page.waitForSelector(`${ALARM}[data-state="acknowledged"]`, { timeout: 5_000 });
    assert.equal(await page.locator(`${ALARM} button:has-text("Acknowledge")`).count(), 0);
    const alarm = await openAlarm();
    assert.equal(alarm.state, 'acknowledged');
    assert.equal(alarm.acknowledged_by, 'shift');

    // its timeline, one click away, tells the story
    await page.click(`${ALARM} th button`);
    const timeline = page.locator(`#alarms tr.sub[data-timeline-of="${alarm.id}"] ol.timeline`);
    await timeline.locator('li:has-text("shift")').first().waitFor({ timeout: 5_000 });
    assert.match(await timeline.textContent(), /firing → acknowledged/);
    await screenshot(page, 'alarm-acknowledged');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a silence set from the page marks the alarm silenced', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.operator);
  let silence;
  try {
    await whileTheTargetIsDown(page, async () => {
      await page.click(`${ALARM} button:has-text("Silence")`);
      await page.selectOption('#silence-duration', '15m');
      await page.fill('#silence-comment', 'browser test: maintenance');
      await page.click('#silence-confirm');
      await page.waitForSelector(`${ALARM}[data-silenced="true"]`, { timeout: 5_000 });
      assert.equal(await page.locator(`${ALARM} button:has-text("Silence")`).count(), 0);
      assert.equal((await openAlarm()).silenced, true);
      ({ silences: [silence] } = await call('GET', '/api/silences'));
      assert.equal(silence.comment, 'browser test: maintenance');
      assert.deepEqual(silence.matchers.find(m => m.name === 'component'), { name: 'component', op: '=', value: 'probe-target' });
      const minutes = (Date.parse(silence.ends_at) - Date.parse(silence.starts_at)) / 60_000;
      assert.ok(Math.abs(minutes - 15) < 1, `the silence lasts ${minutes} min`);
      await page.waitForSelector(`#silences li[data-silence="${silence.id}"]`);
      await screenshot(page, 'alarm-silenced');

      // ended from the page, the alarm is no longer silenced
      await page.click(`#silences li[data-silence="${silence.id}"] button:has-text("End")`);
      await page.click('#reason-confirm');
      await page.waitForSelector(`${ALARM}[data-silenced="false"]`, { timeout: 5_000 });
    });
  } finally {
    // a silence left behind would hold back the probe target's alarms in the other tests
    if (silence) await call('DELETE', `/api/silences/${silence.id}`).catch(() => {});
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('an admin can open and reset a breaker from the page, with the keyboard', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.admin);
  await page.waitForSelector(`${BREAKER}[data-state="closed"]`, { timeout: 10_000 });

  await page.click(`${BREAKER} button[data-action="open"]`);
  await page.click('#reason-confirm');
  await page.waitForSelector(`${BREAKER}[data-state="forced_open"][data-forced="true"]`, { timeout: 5_000 });
  assert.match(await page.textContent(`${BREAKER} [data-field="by"]`), /ops/);
  assert.equal((await call('GET', '/api/breakers')).breakers.find(b => b.name === 'probe:breaker-target').state,
    'forced_open');
  await screenshot(page, 'breaker-forced-open');

  await page.focus(`${BREAKER} button[data-action="reset"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reason-dialog[open]');
  await page.keyboard.press('Enter'); // the confirm button has the focus
  await page.waitForSelector(`${BREAKER}[data-state="closed"][data-forced="false"]`, { timeout: 5_000 });
  assert.equal((await call('GET', '/api/breakers')).breakers.find(b => b.name === 'probe:breaker-target').state,
    'closed');
  await page.waitForSelector('#components article.tile[data-component="breaker-target"][data-status="healthy"]',
    { timeout: 10_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('recovery that heals a component shows in the recovery panel with its action and outcome', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.viewer);
  await page.waitForSelector('#recovery-stats');
  // forced open, the breaker fails its component's probe; the component's plan resets the breaker, which heals it
  await call('POST', '/api/breakers/probe:recovery-target/open');
  const attempt = '#recovery tr[data-outcome="succeeded"]:has-text("recovery-target"):has-text("reset-breaker")';
  await page.waitForSelector(attempt, { timeout: 10_000 });
  assert.match(await page.textContent(`${attempt} td:nth-of-type(2)`), /unhealthy/, 'the trigger');
  await page.waitForFunction(() => /[1-9]\d* healed/.test(document.getElementById('recovery-stats').textContent));
  await page.waitForSelector('#recovery-running:has-text("Nothing is being recovered")');
  await screenshot(page, 'recovery');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an operator starts a recovery plan from its tile by keyboard, the panel shows the attempt, a refusal its reason', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.operator);
  const tile = '#components article.tile[data-component="recover-now-target"]';
  const recover = `${tile} button[data-action="recover"]`;
  await page.waitForSelector(`${recover}:not([hidden]):not([disabled])`, { timeout: 10_000 });
  assert.equal(await page.locator(`${TILE} button[data-action="recover"]:not([hidden])`).count(), 0,
    'a component without a plan has no "Recover now"');

  await page.focus(recover);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reason-dialog[open]');
  assert.match(await page.textContent('#reason-title'), /Recover Recover-now target now/);
  await page.keyboard.press('Enter'); // the confirm button has the focus
  await page.waitForSelector(`${tile} [data-field="recover-outcome"]:has-text("started")`, { timeout: 5_000 });
  const attempt = '#recovery tr[data-outcome="succeeded"]:has-text("recover-now-target"):has-text("reset-breaker")';
  await page.waitForSelector(attempt, { timeout: 10_000 });
  assert.equal(await page.textContent(`${attempt} td:nth-of-type(2)`), 'manual', 'the trigger');
  assert.equal(await page.getAttribute(`${attempt} td:nth-of-type(2)`, 'title'), 'shift', 'the operator who asked');

  // while the system is stopped no plan runs: the refusal's reason shows on the tile
  await call('POST', '/api/system/stop', { reason: 'browser test: recovery refused' });
  try {
    await page.waitForSelector('#mode[data-mode="stopped"]');
    await page.click(`${recover}:not([disabled])`, { timeout: 10_000 });
    await page.click('#reason-confirm');
    await page.waitForSelector(`${tile} [data-field="recover-outcome"]:has-text("refused")`, { timeout: 5_000 });
    assert.match(await page.textContent(`${tile} [data-field="recover-outcome"]`), /the system is stopped/);
    await screenshot(page, 'recover-now');
  } finally {
    await call('POST', '/api/system/resume', { reason: 'browser test: over' });
  }
  await page.waitForSelector('#mode[data-mode="async_queue"]');
  assert.deepEqual(problems.filter(p => !/409/.test(p)), [], 'no errors but the refusal\'s own 409');
  await context.close();
});

test('a foreign queue shows beside Vigil\'s with its backlog and its oldest job\'s age', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.viewer);
  const row = '#foreign-queues tr[data-foreign="foreign-jobs"]';
  await page.waitForSelector(`${row}[data-status="healthy"]`, { timeout: 10_000 });
  assert.equal(await page.textContent(`${row} td[data-field="backlog"]`), '3');
  const [, min, sec] = (await page.textContent(`${row} td[data-field="oldest waiting"]`)).match(/^(\d+) min (\d+) s$/);
  assert.ok(Number(min) * 60 + Number(sec) >= 90, `the oldest job waits since ${min} min ${sec} s`);
  assert.match(await page.textContent(`${row} th`), /jobs · Jobs \(BullMQ\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page is usable on a phone-sized screen in the dark theme', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`,
    { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await signIn(page, env.admin);
  await page.waitForSelector('tr[data-queue="default"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 19, 24)', 'the dark theme follows the system preference');
  await screenshot(page, 'dashboard-phone-dark');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a task submitted over the API moves the queue chart', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.admin);
  await page.waitForSelector('[data-chart="throughput"][data-latest]');
  const before = Number(await page.getAttribute('[data-chart="throughput"]', 'data-latest'));
  for (let i = 0; i < 5; i++) await call('POST', '/api/tasks', { type: 'noop', payload: { n: i } });
  await page.waitForFunction(b => Number(document.querySelector('[data-chart="throughput"]').dataset.latest) >= b + 5,
    before, { timeout: 10_000 });
  await screenshot(page, 'queue-chart-moved');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Polls `check` (an async function) until it returns something truthy, or fails after `timeout` ms. */
async function until(what, check, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

test('a task answered by its breaker\'s fallback shows as degraded in the task finder', async () => {
  // three failed calls open the shipment target's breaker (DashboardBrowserIT: port 1 refuses connections)
  for (let i = 0; i < 3; i++) await call('POST', '/api/tasks', { type: 'shipment', payload: { n: i }, max_attempts: 1 });
  await until('the shipment breaker to open', async () =>
    (await call('GET', '/api/breakers')).breakers.find(b => b.name === 'http:127.0.0.1:1')?.state === 'open');
  const { id } = await call('POST', '/api/tasks', { type: 'shipment', payload: { n: 3 }, max_attempts: 1 });
  const done = await until('the fallback to complete the task', async () => {
    const task = await call('GET', `/api/tasks/${id}`);
    return task.status === 'completed' ? task : null;
  });
  assert.equal(done.degraded.strategy, 'fallback-handler');

  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.viewer);
  await page.fill('#task-search', id);
  await page.press('#task-search', 'Enter');
  const row = page.locator(`#task-result dl[data-task="${id}"] dt:has-text("degraded") + dd`);
  await row.waitFor({ timeout: 10_000 });
  assert.match(await row.textContent(), /^fallback-handler, breaker http:127\.0\.0\.1:1 open$/);
  assert.match(await page.textContent(`#task-result dl[data-task="${id}"]`), /completed/);
  await screenshot(page, 'task-degraded');
  assert.deepEqual(problems, []);
  await context.close();
  // leave nothing behind for the tests after this one: the breaker closed, the three dead letters gone
  await call('POST', `/api/breakers/${encodeURIComponent('http:127.0.0.1:1')}/reset`, { reason: 'browser test over' });
  await call('DELETE', `/api/queues/default/dead-letters?reason=${encodeURIComponent('browser test over')}`);
});

test('the mode toggle with an admin token switches the system and the header follows', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.admin);
  await page.selectOption('#mode-select', 'paused');
  await page.click('#mode-switch');
  await page.fill('#reason-input', 'browser test: pause');
  await page.click('#reason-confirm');
  await page.waitForSelector('#mode[data-mode="paused"]');
  assert.equal((await call('GET', '/api/system/mode')).mode, 'paused');

  await page.click('#emergency-stop');
  await page.fill('#reason-input', 'browser test: drill');
  await page.click('#reason-confirm');
  await page.waitForSelector('#mode[data-mode="stopped"]');
  assert.equal((await call('GET', '/api/system/mode')).mode, 'stopped');
  await screenshot(page, 'header-stopped');

  await page.click('#resume');
  await page.fill('#reason-input', 'browser test: drill over');
  await page.click('#reason-confirm');
  await page.waitForSelector('#mode[data-mode="async_queue"]');
  assert.equal((await call('GET', '/api/system/mode')).mode, 'async_queue');

  // a change made elsewhere reaches the header through the stream
  await call('PUT', '/api/system/mode', { mode: 'paused', reason: 'from another operator' });
  await page.waitForSelector('#mode[data-mode="paused"]');
  await call('PUT', '/api/system/mode', { mode: 'async_queue', reason: 'back' });
  await page.waitForSelector('#mode[data-mode="async_queue"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a viewer token sees no controls', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/`);
  await signIn(page, env.viewer);
  await page.waitForSelector('tr[data-queue="default"]');
  await page.click('tr[data-queue="default"] button:has-text("dead letters")');
  await page.waitForSelector('tr.sub:not([hidden]) :is(p.empty, table)');
  await page.waitForSelector(TILE);
  assert.equal(await page.locator('[data-requires]').count(), 0);
  for (const control of ['#emergency-stop', '#mode-switch', '#resume', 'button:has-text("Pause")',
    'button:has-text("Replay")', 'button:has-text("Purge")', 'button:has-text("Run probe now")',
    'button:has-text("Recover now")']) {
    assert.equal(await page.locator(control).count(), 0, `${control} is shown to a viewer`);
  }
  assert.match(await page.textContent('#whoami'), /viewer/);
  await screenshot(page, 'viewer');

  const admin = await open(browser, `${front.url}/`);
  await signIn(admin.page, env.admin);
  await admin.page.waitForSelector('tr[data-queue="default"]');
  await admin.page.waitForSelector(`${TILE} button[data-requires="operator"]`);
  await admin.page.waitForSelector('#components article.tile[data-component="recovery-target"] button[data-action="recover"]:not([hidden])');
  assert.ok(await admin.page.locator('[data-requires]').count() >= 5, 'an admin sees the controls');
  assert.deepEqual([...problems, ...admin.problems], []);
  await admin.context.close();
  await context.close();
});

test('killing and restoring the connection resumes without a gap', async () => {
  const { page, context } = await open(browser, `${front.url}/`);
  await signIn(page, env.admin);
  await call('POST', '/api/queues/default/pause', { reason: 'before the cut' });
  await page.waitForSelector('details[data-type="queue.paused"][data-stream-id]:not([data-stream-id=""])');

  front.cut();
  await page.waitForSelector('body:not([data-connection="live"])');
  const during = [];
  for (let i = 0; i < 3; i++) {
    during.push((await call('POST', '/api/queues/default/resume', { reason: `during the cut ${i}` })));
    during.push((await call('POST', '/api/queues/default/pause', { reason: `during the cut ${i}` })));
  }
  await call('POST', '/api/queues/default/resume', { reason: 'during the cut, last' });
  front.restore();
  await page.waitForSelector('body[data-connection="live"]', { timeout: 20_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('#event-log details')]
    .some(d => d.textContent.includes('during the cut, last') || d.querySelector('pre')?.textContent.includes('during the cut, last')),
  null, { timeout: 10_000 });

  const ids = await page.$$eval('#event-log details[data-stream-id]:not([data-stream-id=""])',
    rows => rows.map(r => Number(r.dataset.streamId)).sort((a, b) => a - b));
  const reasons = await page.$$eval('#event-log details pre', pres => pres.map(p => JSON.parse(p.textContent).reason)
    .filter(r => r && r.startsWith('during the cut')));
  assert.equal(reasons.length, 7, `each event of the outage appears once: ${reasons}`);
  for (let i = 1; i < ids.length; i++) assert.equal(ids[i], ids[i - 1] + 1, `stream ids jump from ${ids[i - 1]} to ${ids[i]}`);
  await screenshot(page, 'resumed');
  await context.close();
});

test('the editors\' page answers in each state, without a token, from the status line', async () => {
  const { page, context, problems } = await open(browser, `${front.url}/status`);
  const verdict = async expected => page.waitForFunction(e => document.getElementById('answer').dataset.answer === e,
    expected, { timeout: 10_000 });
  await verdict('yes');
  assert.equal(await page.textContent('#verdict'), 'Yes');
  await screenshot(page, 'status-yes');

  await call('PUT', '/api/system/mode', { mode: 'paused', reason: 'editors test' });
  await verdict('delayed');
  assert.match(await page.textContent('#message'), /has been paused since .* by ops: editors test/);
  await call('POST', '/api/system/stop', { reason: 'editors test: stop' });
  await verdict('no');
  assert.match(await page.textContent('#message'), /stopped/);
  await screenshot(page, 'status-no');
  await call('POST', '/api/system/resume', { reason: 'editors test over' });
  await verdict('yes');
  assert.equal(await page.locator('button, select, input').count(), 0, 'the editors\' page has no controls');
  assert.deepEqual(problems, []);
  await context.close();
});
