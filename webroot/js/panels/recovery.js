// Recovery (issue 17): the latest attempts (action, duration, outcome, attempt id) and the statistics. Renders
// nothing until this node serves GET /api/recovery/attempts or the stream carries recovery facts (snapshot key
// `recovery` {attempts, stats}, event recovery.attempt.finished).

import { el, panelHead, badge, duration, percent, dateTime } from '../ui.js';

export default {
  id: 'recovery',
  mount(root, ctx) {
    const stats = el('p.muted', { id: 'recovery-stats' });
    const content = el('div', { id: 'recovery' });
    let shown = false;

    function render(attempts, figures) {
      if (!shown) {
        shown = true;
        root.replaceChildren(panelHead(root, 'recovery', 'Recovery'), stats, content);
      }
      stats.textContent = figures ? `${figures.total ?? 0} attempts · success ${percent(figures.success_rate)}`
        + (figures.mean_time_to_recover_ms ? ` · mean time to recover ${duration(figures.mean_time_to_recover_ms)}` : '') : '';
      content.replaceChildren(attempts.length ? el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['component', 'action', 'outcome', 'duration', 'started', 'attempt'].map(h => el('th', {}, h)))),
        el('tbody', {}, attempts.slice(0, 20).map(a => el('tr', {},
          el('th', { scope: 'row' }, a.component), el('td', {}, a.action),
          el('td', {}, badge(a.success ? 'healthy' : 'failed', a.success ? 'ok' : 'bad')),
          el('td', {}, duration(a.duration_ms)), el('td', {}, dateTime(a.started)),
          el('td.mono', { title: a.error || '' }, String(a.attempt_id || a.id || '').slice(0, 8)))))))
        : el('p.empty', {}, 'No recovery attempts.'));
    }

    async function reload() {
      if (!ctx.has('/api/recovery/attempts')) return;
      try {
        const [attempts, figures] = await Promise.all([ctx.api.get('/api/recovery/attempts?limit=20'),
          ctx.has('/api/recovery/stats') ? ctx.api.get('/api/recovery/stats') : null]);
        render(Array.isArray(attempts) ? attempts : attempts.attempts || [], figures);
      } catch (e) {
        ctx.toast(`Recovery: ${e.message}`, true);
      }
    }

    ctx.on('snapshot', e => { if (e.data.recovery) render(e.data.recovery.attempts || [], e.data.recovery.stats); });
    ctx.on('recovery.attempt.finished', reload);
    ctx.on('resync', reload);
    reload();
  },
};
