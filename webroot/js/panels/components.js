// Components (issue 15): a tile per component — status colour, a latency sparkline, uptime over 24 h, the last check
// and error, the suggested action while it is not healthy, what it depends on, "being recovered" when it is — and
// for operators "Run probe now" and, on a component with a recovery plan (`recovery_plan`), "Recover now" (confirmed;
// POST /api/recovery/{id}; the tile says whether the run started or why it was refused). Rendered when this node
// serves GET /api/components (whoami) or the stream's snapshot carries `components`.
//
// Live: every probe.results event (ephemeral, as the probes run) moves the sparkline and the status; every
// component.status.changed fact sets status, error and action at once, then the list is read again for uptime. The
// sparkline starts from the component's detail: the last hour's per-minute median, then its recent results.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { el, panelHead, badge, tone, percent, duration, dateTime, time, control, askReason } from '../ui.js';

const SPARK_WINDOW_MS = 60 * 60 * 1000;
const SPARK_POINTS = 120;
const UPTIME_REFRESH_MS = 60_000;
const RELOAD_DEBOUNCE_MS = 1000;

export default {
  id: 'components',
  mount(root, ctx) {
    const tiles = el('div.tiles', { id: 'components' });
    const note = el('p.muted', { id: 'components-note', hidden: true });
    const byId = new Map(); // id → Tile
    let shown = false;
    let reloadTimer = null;

    function show() {
      if (shown) return;
      shown = true;
      root.replaceChildren(panelHead(root, 'components', 'Components'), note, tiles);
    }

    /** The whole list (GET /api/components or the snapshot): tiles added, updated in place, removed. */
    function render(components) {
      show();
      note.textContent = components.length ? '' : 'No components configured.';
      note.hidden = components.length > 0;
      const seen = new Set();
      for (const c of components) {
        seen.add(c.id);
        tileOf(c.id).update(c);
      }
      for (const [id, tile] of byId) {
        if (!seen.has(id)) { tile.remove(); byId.delete(id); }
      }
      for (const tile of byId.values()) tile.renderParents(byId);
    }

    function tileOf(id) {
      if (!byId.has(id)) {
        const tile = new Tile(id, ctx, { runNow, recoverNow });
        byId.set(id, tile);
        tiles.append(tile.node);
        seed(tile);
      }
      return byId.get(id);
    }

    /** The sparkline's past: the detail's per-minute medians of the last hour, then its recent results. */
    async function seed(tile) {
      if (!ctx.has('/api/components/:id')) return;
      try {
        const detail = await ctx.api.get(`/api/components/${encodeURIComponent(tile.id)}`);
        tile.seed(detail.latency_history || [], detail.recent || []);
      } catch {
        // the live results fill the sparkline anyway
      }
    }

    async function runNow(id) {
      try {
        const result = await ctx.api.post(`/api/probes/${encodeURIComponent(id)}/run`);
        byId.get(id)?.result(result);
        ctx.toast(`${byId.get(id)?.name || id}: ${result.outcome} in ${duration(result.latency_ms)}`);
        reloadSoon();
      } catch (e) {
        ctx.toast(e.message, true);
      }
    }

    /** Starts the component's recovery plan after a confirmation; the tile shows the answer, the facts the run. */
    async function recoverNow(id) {
      const tile = byId.get(id);
      const name = tile?.name || id;
      if (!await askReason(`Recover ${name} now`, `The leading node runs the recovery plan of ${name} now, within the `
        + 'plan\'s budget; each attempt shows in the recovery panel.', 'Recover now', false, { withReason: false })) return;
      const at = new Date().toISOString();
      try {
        const run = await ctx.api.post(`/api/recovery/${encodeURIComponent(id)}`);
        tile?.recovery({ started: true, at, run: run.run_id });
        ctx.toast(`${name}: recovery started`);
      } catch (e) {
        tile?.recovery({ started: false, at, detail: e.message });
        ctx.toast(`${name}: recovery refused: ${e.message}`, true);
      }
      reloadSoon();
    }

    async function reload() {
      if (!ctx.has('/api/components')) return;
      try {
        render((await ctx.api.get('/api/components')).components || []);
      } catch (e) {
        show();
        note.textContent = `Components cannot be read now: ${e.message}`;
        note.hidden = false;
      }
    }

    function reloadSoon() {
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(reload, RELOAD_DEBOUNCE_MS);
    }

    ctx.on('snapshot', e => { if (Array.isArray(e.data.components)) render(e.data.components); });
    ctx.on('probe.results', e => {
      for (const r of e.data.results || []) byId.get(r.component)?.result(r);
    });
    ctx.on('component.status.changed', e => {
      const d = e.data.details || {};
      const tile = byId.get(d.component);
      if (tile) tile.changed(d, e.data.time); else reloadSoon();
      reloadSoon(); // uptime and the parents' view
    });
    // "being recovered" starts and ends with a recovery run, which moves no status by itself
    for (const name of ['recovery.run.started', 'recovery.run.ended']) ctx.on(name, reloadSoon);
    ctx.on('resync', reload);
    ctx.on('theme', () => byId.forEach(tile => tile.spark.redraw()));
    reload();
    setInterval(() => { if (document.visibilityState === 'visible') reload(); }, UPTIME_REFRESH_MS);
  },
};

/** One component's tile; its DOM stays in place (and so does its sparkline) while its fields change. */
class Tile {
  constructor(id, ctx, { runNow, recoverNow }) {
    this.id = id;
    this.name = id;
    this.state = {};
    this.title = el('strong', {}, id);
    this.badge = el('span');
    this.fields = el('dl.kv');
    this.parents = el('dd');
    this.spark = new Sparkline();
    this.run = ctx.has('/api/probes/:id/run')
      ? control(ctx, 'operator', el('button', { type: 'button', onclick: () => runNow(this.id) }, 'Run probe now'))
      : null;
    if (this.run) this.run.setAttribute('aria-label', `run the probe of ${id} now`);
    // shown once the listing says the component has a plan (render)
    this.recover = ctx.has('/api/recovery/:component')
      ? control(ctx, 'operator', el('button', { type: 'button', hidden: true, dataset: { action: 'recover' },
        'aria-label': `start the recovery plan of ${id} now`, onclick: () => recoverNow(this.id) }, 'Recover now'))
      : null;
    this.node = el('article.tile', { dataset: { component: id, status: 'unknown' }, 'aria-live': 'polite' },
      el('header', {}, this.title, ' ', this.badge), this.spark.box, this.fields,
      this.run || this.recover ? el('div.tile-actions', {}, this.run, this.recover) : null);
  }

  /** A component as the API lists it (the snapshot's lacks uptime: the last one read is kept). */
  update(c) {
    this.state = { ...this.state, ...c, uptime: c.uptime ?? this.state.uptime };
    this.name = c.name || c.id;
    this.render();
  }

  /** A probe result, live or from "run now": the status it left, the latency, a sparkline point. */
  result(r) {
    Object.assign(this.state, {
      status: r.status, latency_ms: r.latency_ms, last_check: r.at, last_outcome: r.outcome,
      consecutive_failures: r.consecutive_failures,
    });
    if (r.outcome === 'failed') Object.assign(this.state, { last_error: r.message, last_error_at: r.at });
    this.spark.add(Date.parse(r.at), r.latency_ms, r.outcome === 'failed');
    this.render();
  }

  /** A component.status.changed fact's details. */
  changed(d, at) {
    Object.assign(this.state, { status: d.status, since: at, suggested_action: d.suggested_action });
    if (d.error) Object.assign(this.state, { last_error: d.error, last_error_at: at });
    if (Array.isArray(d.depends_on)) this.state.depends_on = d.depends_on;
    this.render();
  }

  /** What "Recover now" was answered: {started, at, run} or {started: false, at, detail}. */
  recovery(outcome) {
    this.state.recover_outcome = outcome;
    if (outcome.started) this.state.recovering = true; // until the listing read after the run says otherwise
    this.render();
  }

  seed(history, recent) {
    const points = [];
    const firstRecent = recent.length ? Date.parse(recent[0].at) : Infinity;
    for (const m of history) {
      const t = Date.parse(m.minute) + 30_000;
      if (t < firstRecent && m.p50_ms !== null && m.p50_ms !== undefined) points.push([t, m.p50_ms, m.failures > 0]);
    }
    for (const r of recent) points.push([Date.parse(r.at), r.latency_ms, r.outcome === 'failed']);
    this.spark.prepend(points);
  }

  render() {
    const c = this.state;
    const status = String(c.status || 'unknown').toLowerCase();
    this.node.className = `tile tone-${tone(status)}`;
    this.node.dataset.status = status;
    this.title.textContent = this.name;
    this.badge.replaceChildren(badge(status));
    const uptime = c.uptime ? c.uptime['24h'] : undefined;
    const rows = [
      ['latency', c.latency_ms !== undefined && c.latency_ms !== null ? duration(c.latency_ms) : null, 'latency'],
      ['uptime 24 h', uptime !== undefined ? percent(uptime) : null, 'uptime'],
      ['last check', c.last_check ? time(c.last_check) : null, 'last-check'],
      ['depends on', c.depends_on?.length ? this.parents : null, 'depends-on'],
      ['last error', c.last_error ? `${c.last_error}${c.last_error_at ? ` (${time(c.last_error_at)})` : ''}` : null,
        'last-error'],
      ['action', status !== 'healthy' ? c.suggested_action : null, 'action'],
      ['recovery', c.recovering ? 'being recovered' : null, 'recovery'],
      ['recover now', recoverOutcome(c.recover_outcome), 'recover-outcome'],
    ].filter(([, v]) => v !== null && v !== undefined && v !== '');
    this.fields.replaceChildren(...rows.flatMap(([k, v, field]) =>
      [el('dt', {}, k), v instanceof Node ? v : el('dd', { dataset: { field } }, v)]));
    this.parents.dataset.field = 'depends-on';
    this.node.title = c.since ? `${status} since ${dateTime(c.since)}` : '';
    if (this.recover) {
      this.recover.hidden = !c.recovery_plan;
      this.recover.disabled = Boolean(c.recovering);
    }
  }

  /** The parents by name, each in its status's colour. */
  renderParents(byId) {
    const ids = this.state.depends_on || [];
    this.parents.replaceChildren(...ids.flatMap((id, i) => {
      const parent = byId.get(id);
      const status = parent?.state.status || 'unknown';
      return [i ? ', ' : '', el(`span.tone-text-${tone(status)}`, { title: status }, parent?.name || id)];
    }));
  }

  remove() {
    this.spark.destroy();
    this.node.remove();
  }
}

function recoverOutcome(o) {
  if (!o) return null;
  return o.started ? `started ${time(o.at)} (run ${String(o.run || '').slice(-8)})` : `refused ${time(o.at)}: ${o.detail}`;
}

/** A small uPlot chart of latency over time; failed checks are red points. */
class Sparkline {
  constructor() {
    this.times = [];
    this.ok = [];
    this.failed = [];
    this.target = el('div');
    this.box = el('div.spark', { 'aria-hidden': 'true' }, this.target);
    this.plot = null;
    new ResizeObserver(() => { if (this.plot) this.plot.setSize(this.size()); }).observe(this.box);
  }

  add(t, latency, failed) {
    if (Number.isNaN(t)) return;
    if (this.times.length && t <= this.times[this.times.length - 1]) return; // already shown (seed and live overlap)
    this.times.push(t / 1000);
    this.ok.push(failed ? null : latency);
    this.failed.push(failed ? latency : null);
    this.trim();
    this.draw();
  }

  /** Points from before the live ones (the detail arrives after the first results). */
  prepend(points) {
    const first = this.times.length ? this.times[0] * 1000 : Infinity;
    const older = points.filter(([t]) => !Number.isNaN(t) && t < first).sort((a, b) => a[0] - b[0]);
    this.times.unshift(...older.map(([t]) => t / 1000));
    this.ok.unshift(...older.map(([, v, f]) => (f ? null : v)));
    this.failed.unshift(...older.map(([, v, f]) => (f ? v : null)));
    this.trim();
    this.draw();
  }

  trim() {
    const oldest = (Date.now() - SPARK_WINDOW_MS) / 1000;
    while (this.times.length > SPARK_POINTS || (this.times.length && this.times[0] < oldest)) {
      this.times.shift();
      this.ok.shift();
      this.failed.shift();
    }
  }

  size() {
    return { width: Math.max(120, this.box.clientWidth || 180), height: 36 };
  }

  draw() {
    if (this.times.length < 2) return;
    const data = [this.times, this.ok, this.failed];
    if (this.plot) this.plot.setData(data);
    else this.plot = new uPlot(this.options(), data, this.target);
    this.box.dataset.points = String(this.times.length);
  }

  redraw() {
    this.destroy();
    this.draw();
  }

  destroy() {
    if (this.plot) this.plot.destroy();
    this.plot = null;
  }

  options() {
    const css = getComputedStyle(document.documentElement);
    const line = css.getPropertyValue('--accent').trim() || '#2457c5';
    const bad = css.getPropertyValue('--bad').trim() || '#b42318';
    return {
      ...this.size(),
      legend: { show: false },
      cursor: { show: false },
      select: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
      series: [{}, { stroke: line, width: 1.5, spanGaps: true, points: { show: false } },
        { stroke: bad, paths: () => null, points: { show: true, size: 5, fill: bad, stroke: bad } }],
    };
  }
}
