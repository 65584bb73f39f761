// Components (issue 15): a tile per component — status colour, latency, uptime, last error, suggested action,
// depends_on, "being recovered" — and "run probe now" (operator). Renders nothing until this node serves
// GET /api/components or the stream carries components (snapshot key `components`, event probe.status.changed).

import { el, panelHead, badge, tone, percent, duration, dateTime, control } from '../ui.js';

export default {
  id: 'components',
  mount(root, ctx) {
    const tiles = el('div.tiles', { id: 'components' });
    let shown = false;

    function show() {
      if (shown) return;
      shown = true;
      root.replaceChildren(panelHead(root, 'components', 'Components'), tiles);
    }

    function render(components) {
      show();
      if (!components.length) {
        tiles.replaceChildren(el('p.empty', {}, 'No components configured.'));
        return;
      }
      tiles.replaceChildren(...components.map(c => tile(c)));
    }

    function tile(c) {
      const status = String(c.status || 'unknown').toLowerCase();
      const uptime = c.uptime && (c.uptime['24h'] ?? c.uptime.day);
      return el(`article.tile.tone-${tone(status)}`, { dataset: { component: c.id, status } },
        el('header', {}, el('strong', {}, c.name || c.id), ' ', badge(status)),
        el('dl.kv', {}, ...[
          ['latency', c.latency_ms !== undefined ? duration(c.latency_ms) : null],
          ['uptime 24 h', uptime !== undefined && uptime !== null ? percent(uptime > 1 ? uptime / 100 : uptime) : null],
          ['last check', c.last_check ? dateTime(c.last_check) : null],
          ['depends on', c.depends_on?.length ? c.depends_on.join(', ') : null],
          ['last error', c.last_error],
          ['action', status !== 'healthy' ? c.suggested_action : null],
          ['recovery', c.recovering ? 'being recovered' : null],
        ].filter(([, v]) => v).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
        ctx.has('/api/probes/:id/run') ? control(ctx, 'operator', el('button', { type: 'button',
          onclick: () => runNow(c.id) }, 'Run probe now')) : null);
    }

    async function runNow(id) {
      try {
        await ctx.api.post(`/api/probes/${encodeURIComponent(id)}/run`);
        reload();
      } catch (e) {
        ctx.toast(e.message, true);
      }
    }

    async function reload() {
      if (!ctx.has('/api/components')) return;
      try {
        const answer = await ctx.api.get('/api/components');
        render(Array.isArray(answer) ? answer : answer.components || []);
      } catch (e) {
        show();
        tiles.replaceChildren(el('p.error', {}, e.message));
      }
    }

    ctx.on('snapshot', e => { if (Array.isArray(e.data.components)) render(e.data.components); });
    ctx.on('probe.status.changed', reload);
    ctx.on('resync', reload);
    reload();
  },
};
