// Queues: backlog / active / delayed / retrying / dead per queue with the oldest waiting task's age, throughput and
// error-rate charts over the last minutes (from the once-a-second queue.stats stream events), pause and resume,
// the dead-letter list with replay and purge, and a task search by id.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { el, panelHead, badge, number, percent, duration, control, askReason, dateTime } from '../ui.js';

const WINDOW_SECONDS = 10 * 60;
const MIN_SPAN_SECONDS = 60;
const PALETTE = ['#2f6fde', '#d9480f', '#2b8a3e', '#ae3ec9', '#e8590c', '#1098ad', '#c2255c', '#5c940d'];
const COLUMNS = [
  ['waiting', 'backlog'], ['active', 'active'], ['delayed', 'delayed'], ['retrying', 'retrying'], ['dead', 'dead'],
  ['throughput_per_minute', 'per min'], ['error_rate', 'errors'], ['oldest_waiting_age_ms', 'oldest waiting'],
];

export default {
  id: 'queues',
  mount(root, ctx) {
    const body = el('tbody');
    const table = el('table', {}, el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'queue'), COLUMNS.map(([, label]) => el('th', { scope: 'col' }, label)),
      el('th', { scope: 'col' }, el('span', { hidden: true }, 'actions')))), body);
    const throughput = chartBox('throughput', 'Throughput (tasks per minute)');
    const errors = chartBox('error-rate', 'Error rate (%)');
    const searchInput = el('input', { id: 'task-search', type: 'search', placeholder: 'task id',
      'aria-label': 'task id to look up', autocomplete: 'off' });
    const result = el('div', { id: 'task-result', 'aria-live': 'polite' });
    const search = el('form.search', { role: 'search', onsubmit: e => { e.preventDefault(); findTask(); } },
      searchInput, el('button', { type: 'submit' }, 'Find task'));
    const foreign = foreignQueues(ctx);
    root.replaceChildren(panelHead(root, 'queues', 'Queues'),
      el('div.table-wrap', {}, table), foreign.box, el('div.charts', {}, throughput.box, errors.box), search, result);

    const rows = new Map(); // queue name → {row, cells, pauseButton, deadButton, sub}
    const history = { times: [], throughput: new Map(), errors: new Map() };
    let names = [];

    function update(queues) {
      const seen = queues.map(q => q.queue);
      for (const q of queues) renderRow(q);
      for (const [name, row] of rows) {
        if (!seen.includes(name)) { row.row.remove(); row.sub.remove(); rows.delete(name); }
      }
      if (!queues.length) body.replaceChildren(el('tr', {}, el('td.empty', { colSpan: COLUMNS.length + 2 }, 'No queues.')));
    }

    function renderRow(q) {
      let r = rows.get(q.queue);
      if (!r) {
        r = { cells: {}, sub: el('tr.sub', { hidden: true }, el('td', { colSpan: COLUMNS.length + 2 })) };
        r.pauseButton = control(ctx, 'operator', el('button', { type: 'button', onclick: () => togglePause(q.queue) }));
        r.deadButton = el('button', { type: 'button', 'aria-expanded': 'false', onclick: () => toggleDead(q.queue) },
          'dead letters');
        r.row = el('tr', { dataset: { queue: q.queue } },
          el('th', { scope: 'row' }, q.queue, ' ', r.paused = badge('paused', 'warn')),
          COLUMNS.map(([key]) => (r.cells[key] = el('td', { dataset: { field: key } }))),
          el('td.actions', {}, r.pauseButton, r.deadButton));
        if (body.querySelector('td.empty')) body.replaceChildren();
        body.append(r.row, r.sub);
        rows.set(q.queue, r);
      }
      r.paused.hidden = !q.paused;
      r.state = q;
      for (const [key] of COLUMNS) r.cells[key].textContent = format(key, q[key]);
      r.cells.dead.className = q.dead > 0 ? 'tone-bad' : '';
      if (r.pauseButton) r.pauseButton.textContent = q.paused ? 'Resume' : 'Pause';
    }

    function record(at, queues) {
      const t = new Date(at).getTime() / 1000; // seconds, with the milliseconds: statistics may come faster than 1/s
      const current = queues.map(q => q.queue).sort();
      if (current.join() !== names.join()) { names = current; throughput.reset(); errors.reset(); }
      history.times.push(t);
      for (const q of queues) {
        if (!history.throughput.has(q.queue)) {
          history.throughput.set(q.queue, history.times.slice(1).map(() => null));
          history.errors.set(q.queue, history.times.slice(1).map(() => null));
        }
      }
      for (const name of history.throughput.keys()) {
        const q = queues.find(x => x.queue === name);
        history.throughput.get(name).push(q ? q.throughput_per_minute : null);
        history.errors.get(name).push(q ? +(q.error_rate * 100).toFixed(2) : null);
      }
      while (history.times.length && history.times[0] < t - WINDOW_SECONDS) {
        history.times.shift();
        for (const list of [...history.throughput.values(), ...history.errors.values()]) list.shift();
      }
      throughput.draw(history.times, names, history.throughput);
      errors.draw(history.times, names, history.errors);
      throughput.box.dataset.latest = String(queues.reduce((sum, q) => sum + (q.throughput_per_minute || 0), 0));
    }

    async function togglePause(queue) {
      const paused = rows.get(queue)?.state?.paused;
      const verb = paused ? 'resume' : 'pause';
      const reason = await askReason(`${paused ? 'Resume' : 'Pause'} queue ${queue}`,
        paused ? 'Consumers take work from it again.' : 'Consumers stop taking work from it; submissions are still accepted.',
        paused ? 'Resume' : 'Pause');
      if (!reason) return;
      try {
        await ctx.api.post(`/api/queues/${encodeURIComponent(queue)}/${verb}`, { reason });
        ctx.toast(`Queue ${queue}: ${verb}d`);
        reload();
      } catch (e) {
        ctx.toast(e.message, true);
      }
    }

    async function toggleDead(queue) {
      const r = rows.get(queue);
      const open = r.sub.hidden;
      r.sub.hidden = !open;
      r.deadButton.setAttribute('aria-expanded', String(open));
      if (open) await showDead(queue);
    }

    async function showDead(queue) {
      const r = rows.get(queue);
      const cell = r.sub.firstChild;
      cell.replaceChildren(el('span.muted', {}, 'loading…'));
      try {
        const { tasks } = await ctx.api.get(`/api/queues/${encodeURIComponent(queue)}/dead-letters?limit=50`);
        const replayAll = control(ctx, 'operator', el('button', { type: 'button', onclick: () => replay(queue, []) },
          'Replay all'));
        const purge = control(ctx, 'operator', el('button.danger', { type: 'button', onclick: () => purgeDead(queue) },
          'Purge'));
        cell.replaceChildren(
          el('div.panel-head', {}, el('h3', {}, `Dead letters of ${queue}`), el('span.spacer'),
            tasks.length ? replayAll : null, tasks.length ? purge : null),
          tasks.length ? el('div.table-wrap', {}, el('table', {},
            el('thead', {}, el('tr', {}, ['task', 'type', 'attempts', 'last error', 'updated', ''].map(h => el('th', {}, h)))),
            el('tbody', {}, tasks.map(t => el('tr', {},
              el('td.mono', {}, t.id), el('td', {}, t.type), el('td', {}, `${t.attempts}/${t.max_attempts}`),
              el('td', { title: t.last_error || '' }, (t.last_error || '').slice(0, 80)), el('td', {}, dateTime(t.updated_at)),
              el('td.actions', {}, control(ctx, 'operator', el('button', { type: 'button',
                onclick: () => replay(queue, [t.id]) }, 'Replay')))))))) : el('p.empty', {}, 'No dead letters.'));
      } catch (e) {
        cell.replaceChildren(el('p.error', {}, e.message));
      }
    }

    async function replay(queue, ids) {
      const reason = await askReason(`Replay dead letters of ${queue}`,
        ids.length ? `Put task ${ids[0]} back on the queue with fresh attempts.` : 'Put every dead letter back on the queue.',
        'Replay');
      if (!reason) return;
      try {
        const done = await ctx.api.post(`/api/queues/${encodeURIComponent(queue)}/dead-letters/replay`, { ids, reason });
        ctx.toast(`${done.replayed} task(s) replayed`);
      } catch (e) {
        ctx.toast(e.message, true);
      }
      showDead(queue);
    }

    async function purgeDead(queue) {
      const reason = await askReason(`Purge dead letters of ${queue}`,
        'Delete every dead letter of this queue (task history keeps them).', 'Purge', true);
      if (!reason) return;
      try {
        const done = await ctx.api.delete(`/api/queues/${encodeURIComponent(queue)}/dead-letters?reason=${encodeURIComponent(reason)}`);
        ctx.toast(`${done.purged} dead letter(s) purged`);
      } catch (e) {
        ctx.toast(e.message, true);
      }
      showDead(queue);
    }

    async function findTask() {
      const id = searchInput.value.trim();
      if (!id) return;
      result.replaceChildren(el('span.muted', {}, 'looking…'));
      try {
        const t = await ctx.api.get(`/api/tasks/${encodeURIComponent(id)}`);
        result.replaceChildren(el('dl.kv', { dataset: { task: t.id } },
          ...[['id', t.id], ['status', badge(t.status)], ['type', t.type], ['queue', t.queue],
            ['attempts', `${t.attempts} of ${t.max_attempts}`], ['created', dateTime(t.created_at)],
            ['updated', dateTime(t.updated_at)], ['finished', t.finished_at ? dateTime(t.finished_at) : null],
            ['last error', t.last_error],
            ['degraded', t.degraded ? `${t.degraded.strategy}, breaker ${t.degraded.breaker} open`
              + (t.degraded.result_at ? `, result of ${dateTime(t.degraded.result_at)}` : '') : null]]
            .filter(([, v]) => v !== null && v !== undefined)
            .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
        el('pre', {}, JSON.stringify({ payload: t.payload, result: t.result }, null, 2)));
      } catch (e) {
        result.replaceChildren(el('p.error', {}, e.status === 404 ? `No task ${id}.` : e.message));
      }
    }

    async function reload() {
      try {
        update((await ctx.api.get('/api/queues')).queues);
      } catch (e) {
        ctx.toast(`Queues: ${e.message}`, true);
      }
    }

    ctx.on('snapshot', e => {
      if (Array.isArray(e.data.queues)) update(e.data.queues);
      if (Array.isArray(e.data.components)) foreign.components(e.data.components);
    });
    ctx.on('probe.results', e => (e.data.results || []).forEach(foreign.result));
    ctx.on('queue.stats', e => { update(e.data.queues); record(e.data.at, e.data.queues); });
    for (const name of ['queue.paused', 'queue.resumed']) ctx.on(name, reload);
    for (const name of ['deadletters.replayed', 'deadletters.purged', 'task.dead_lettered']) {
      ctx.on(name, e => {
        const queue = e.data?.details?.queue || e.data?.component;
        const r = rows.get(queue);
        if (r && !r.sub.hidden) showDead(queue);
      });
    }
    ctx.on('theme', () => { throughput.reset(); errors.reset(); throughput.draw(history.times, names, history.throughput);
      errors.draw(history.times, names, history.errors); });
  },
};

/**
 * Queues of other systems that components watch (probe types amqp: RabbitMQ, bullmq: BullMQ in Redis): their backlog
 * and the other figures the probe measured, from the components (the snapshot, GET /api/components) and then every
 * probe result, beside Vigil's own queues. Hidden while there are none.
 */
function foreignQueues(ctx) {
  const KINDS = { amqp: 'RabbitMQ', bullmq: 'BullMQ' };
  // label, how format() shows it, where the probe's figures hold it (amqp: depth, consumers; bullmq: the others)
  const FIGURES = [['backlog', 'waiting', f => f.depth ?? f.waiting], ['active', 'active', f => f.active],
    ['delayed', 'delayed', f => f.delayed], ['failed', 'dead', f => f.failed], ['consumers', 'active', f => f.consumers],
    ['oldest waiting', 'oldest_waiting_age_ms', f => f.oldest_waiting_age_ms]];
  const body = el('tbody');
  const box = el('div.foreign', { hidden: true }, el('h3', { id: 'foreign-title' }, 'Foreign queues'),
    el('div.table-wrap', {}, el('table', { id: 'foreign-queues', 'aria-labelledby': 'foreign-title' },
      el('thead', {}, el('tr', {}, ['queue', 'system', 'status', ...FIGURES.map(([label]) => label), 'checked']
        .map(h => el('th', { scope: 'col' }, h)))), body)));
  const rows = new Map(); // component id → {row, state}

  function render(id, state) {
    const f = state.figures || {};
    const cells = [
      el('th', { scope: 'row', title: state.message || '' }, f.queue || id, el('span.muted', {}, ` · ${state.name || id}`)),
      el('td', {}, KINDS[state.type]), el('td', {}, badge(state.status || 'unknown')),
      ...FIGURES.map(([label, key, read]) => el('td', { dataset: { field: label } }, format(key, read(f)))),
      el('td', {}, dateTime(state.at))];
    let r = rows.get(id);
    if (!r) {
      r = { row: el('tr', { dataset: { foreign: id } }) };
      rows.set(id, r);
      body.append(r.row);
    }
    r.state = state;
    r.row.dataset.status = state.status || 'unknown';
    r.row.replaceChildren(...cells);
    box.hidden = false;
  }

  /** Every component there is: the foreign queues among them shown, those no longer configured removed. */
  function components(list) {
    const foreign = list.filter(c => KINDS[c.probe?.type]);
    for (const c of foreign) {
      render(c.id, { ...rows.get(c.id)?.state, name: c.name, type: c.probe.type, status: c.status, figures: c.figures,
        message: c.message, at: c.last_check });
    }
    for (const [id, r] of rows) {
      if (!foreign.some(c => c.id === id)) { r.row.remove(); rows.delete(id); }
    }
    box.hidden = rows.size === 0;
  }

  if (ctx.has('/api/components')) {
    ctx.api.get('/api/components').then(answer => components(answer.components || [])).catch(() => {});
  }
  return {
    box,
    components,
    result(r) {
      if (!KINDS[r.type]) return;
      render(r.component, { ...rows.get(r.component)?.state, type: r.type, status: r.status, figures: r.figures,
        message: r.message, at: r.at });
    },
  };
}

function format(key, value) {
  if (key === 'error_rate') return percent(value);
  if (key === 'oldest_waiting_age_ms') return value > 0 ? duration(value) : '–';
  return number(value);
}

/** One uPlot chart that follows its box's width and the theme's colours. */
function chartBox(id, title) {
  const target = el('div');
  const box = el('div.chart', { dataset: { chart: id } }, el('h3', {}, title), target);
  let plot = null;
  let series = [];
  new ResizeObserver(() => { if (plot) plot.setSize(size(target)); }).observe(target);
  return {
    box,
    reset() { if (plot) plot.destroy(); plot = null; },
    draw(times, names, byName) {
      if (!times.length) return;
      // at least a minute wide, empty before the first point: uPlot spans a single point over a day
      const pad = times[0] > times[times.length - 1] - MIN_SPAN_SECONDS;
      const data = [pad ? [times[times.length - 1] - MIN_SPAN_SECONDS, ...times] : times,
        ...names.map(n => (pad ? [null, ...(byName.get(n) || [])] : byName.get(n) || []))];
      if (!plot || series.join() !== names.join()) {
        if (plot) plot.destroy();
        series = names;
        plot = new uPlot(options(names, target, box), data, target);
      } else {
        plot.setData(data);
      }
    },
  };
}

function size(target) {
  return { width: Math.max(240, target.clientWidth || 320), height: 170 };
}

/** Steps of the time axis in seconds: whole ones at least (uPlot picks tenths while a chart spans seconds). */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Clock times, to the second while the ticks are seconds apart; the labels drawn last are on the box (data-x-ticks). */
function timeAxis(axis, box) {
  return {
    ...axis,
    incrs: TIME_STEPS,
    space: 64, // px at least between ticks: room for 12:34:56
    values: (u, splits, axisIndex, space, step) => {
      const labels = splits.map(s => new Date(s * 1000).toLocaleTimeString([], {
        hour12: false, hour: '2-digit', minute: '2-digit', second: step < 60 ? '2-digit' : undefined }));
      box.dataset.xTicks = labels.join(' ');
      return labels;
    },
  };
}

function options(names, target, box) {
  const css = getComputedStyle(document.documentElement);
  const text = css.getPropertyValue('--muted').trim() || '#666';
  const grid = css.getPropertyValue('--line').trim() || '#ddd';
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    ...size(target),
    legend: { show: names.length > 0 },
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [timeAxis(axis, box), { ...axis, size: 46 }],
    series: [{}, ...names.map((name, i) => ({
      label: name, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false, points: { show: false },
    }))],
  };
}
