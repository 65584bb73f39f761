// Circuit breakers of this node (GET /api/breakers), refreshed on every streamed breaker.state.changed fact and every
// few seconds for the rates and counts, which move without a transition. A forced state says who forced it; an open
// one which node tripped it. Admins force a breaker open or closed (held until reset) and reset it, after a confirmation
// (POST /api/breakers/{name}/open|close|reset; the audited fact names the admin).

import { el, panelHead, badge, tone, number, dateTime, control, askReason, rerender } from '../ui.js';

const POLL_MS = 5000;
const ACTIONS = {
  open: ['Force open', 'Calls to its dependency are refused, not made, on every node until it is reset.', true],
  close: ['Force closed', 'Calls go through whatever the failure rate, on every node until it is reset.', false],
  reset: ['Reset', 'Closed with an empty window on every node; a forced state is released.', false],
};

export default {
  id: 'breakers',
  mount(root, ctx) {
    const content = el('div', { id: 'breakers' });
    root.replaceChildren(panelHead(root, 'breakers', 'Circuit breakers'), content);

    async function reload() {
      try {
        render((await ctx.api.get('/api/breakers')).breakers);
      } catch (e) {
        content.replaceChildren(el('p.error', {}, e.message));
      }
    }

    function render(breakers) {
      if (!breakers.length) {
        content.replaceChildren(el('p.empty', {}, 'No breakers yet: one is made for each http handler target host on its first call.'));
        return;
      }
      rerender(content, el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['breaker', 'state', 'by', 'failure rate', 'calls', 'rejected', 'since',
          ctx.can('admin') ? el('span.sr-only', {}, 'actions') : null].filter(h => h !== null)
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, breakers.map(row)))));
    }

    function row(b) {
      return el('tr', { dataset: { breaker: b.name, state: b.state, forced: String(Boolean(b.forced)) } },
        el('th', { scope: 'row' }, b.name),
        el('td', {}, badge(b.state.replace('_', ' '), tone(b.state)), b.forced ? badge('forced', 'neutral') : null),
        el('td', { dataset: { field: 'by' } }, by(b)),
        el('td', {}, `${b.failure_rate} %`), el('td', {}, number(b.calls)), el('td', {}, number(b.rejected)),
        el('td', { title: b.last_transition?.reason || '' }, dateTime(b.since)),
        ctx.can('admin') ? el('td.actions', {}, Object.keys(ACTIONS).map(action => control(ctx, 'admin',
          el(`button${ACTIONS[action][2] ? '.danger' : ''}`, { type: 'button', dataset: { action, focusKey: `${action} ${b.name}` },
            'aria-label': `${ACTIONS[action][0]} ${b.name}`, onclick: () => act(b.name, action) },
          ACTIONS[action][0])))) : null);
    }

    /** Who holds it in its state: the admin who forced it, or the node whose calls tripped it. */
    function by(b) {
      if (b.forced_by) return `${b.forced_by}${b.tripped_by && b.tripped_by !== b.forced_by ? ` (${b.tripped_by})` : ''}`;
      if (b.tripped_by) return `node ${b.tripped_by}`;
      return '–';
    }

    async function act(name, action) {
      const [label, text, danger] = ACTIONS[action];
      // the call takes no reason: the breaker.state.changed fact names the admin
      if (!await askReason(`${label}: ${name}`, text, label, danger, { withReason: false })) return;
      try {
        const b = await ctx.api.post(`/api/breakers/${encodeURIComponent(name)}/${action}`);
        ctx.toast(`Breaker ${name}: ${b.state.replace('_', ' ')}`);
        reload();
      } catch (e) {
        ctx.toast(e.message, true);
      }
    }

    ctx.on('breaker.state.changed', reload);
    ctx.on('resync', reload);
    reload();
    setInterval(() => { if (document.visibilityState === 'visible') reload(); }, POLL_MS);
  },
};
