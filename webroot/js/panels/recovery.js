// Recovery (issue 17): what is being recovered now, the latest attempts (component, action, trigger, outcome,
// duration, attempt id) and the statistics (GET /api/recovery/attempts and /stats). Renders nothing until this node
// serves GET /api/recovery/attempts. The stream's snapshot names the running plans (`recovery.running`); every
// recovery fact (a run started or ended, an attempt finished, an escalation, a failover) reads the lists again.

import { el, panelHead, badge, duration, percent, dateTime, rerender } from '../ui.js';
import { RECOVERY_EVENTS } from '../events.js';

const LIMIT = 20;
const OUTCOME_TONES = { succeeded: 'ok', failed: 'bad', running: 'info' };

export default {
  id: 'recovery',
  mount(root, ctx) {
    const running = el('p', { id: 'recovery-running' });
    const stats = el('p.muted', { id: 'recovery-stats' });
    const content = el('div', { id: 'recovery' });
    let shown = false;

    function show() {
      if (shown) return;
      shown = true;
      root.replaceChildren(panelHead(root, 'recovery', 'Recovery'), running, stats, content);
    }

    function renderRunning(components) {
      running.dataset.running = components.join(',');
      running.replaceChildren(...(components.length
        ? ['Being recovered: ', ...components.map(c => badge(c, 'warn'))] : [el('span.muted', {}, 'Nothing is being recovered.')]));
    }

    function render(attempts, figures) {
      show();
      if (figures) {
        stats.textContent = `${figures.total} attempts · ${figures.succeeded} healed · ${figures.failed} failed`
          + (figures.running ? ` · ${figures.running} running` : '') + ` · success ${percent(figures.success_rate)}`
          + (figures.mean_time_to_recover_ms !== null ? ` · mean time to recover ${duration(figures.mean_time_to_recover_ms)}` : '');
        renderRunning(figures.running_plans);
      }
      rerender(content, attempts.length ? el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['component', 'action', 'trigger', 'outcome', 'duration', 'started', 'attempt']
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, attempts.map(a => el('tr', { dataset: { attempt: a.id, outcome: a.outcome } },
          el('th', { scope: 'row' }, a.component), el('td', {}, a.action), el('td', { title: a.actor }, a.trigger),
          el('td', { title: a.error || '' }, badge(a.outcome, OUTCOME_TONES[a.outcome])),
          el('td', {}, duration(a.duration_ms)), el('td', {}, dateTime(a.started_at)),
          el('td.mono', { title: a.id }, a.id.slice(-8))))))) // ids begin with their time: their ends tell them apart
        : el('p.empty', {}, 'No recovery attempts.'));
    }

    async function reload() {
      if (!ctx.has('/api/recovery/attempts')) return;
      try {
        const [page, figures] = await Promise.all([ctx.api.get(`/api/recovery/attempts?limit=${LIMIT}`),
          ctx.has('/api/recovery/stats') ? ctx.api.get('/api/recovery/stats') : null]);
        render(page.attempts, figures);
      } catch (e) {
        ctx.toast(`Recovery: ${e.message}`, true);
      }
    }

    ctx.on('snapshot', e => {
      if (!Array.isArray(e.data.recovery?.running) || !ctx.has('/api/recovery/attempts')) return;
      show();
      renderRunning(e.data.recovery.running);
    });
    RECOVERY_EVENTS.forEach(name => ctx.on(name, reload));
    ctx.on('resync', reload);
    reload();
  },
};
