// Circuit breakers of this node (GET /api/breakers), refreshed on every streamed breaker.state.changed fact and every
// few seconds for the rates and counts, which move without a transition (the recovery issue adds open / close / reset).

import { el, panelHead, badge, number, dateTime } from '../ui.js';

const POLL_MS = 5000;

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
      content.replaceChildren(el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['breaker', 'state', 'failure rate', 'calls', 'rejected', 'since']
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, breakers.map(b => el('tr', { dataset: { breaker: b.name } },
          el('th', { scope: 'row' }, b.name), el('td', {}, badge(b.state)), el('td', {}, `${b.failure_rate} %`),
          el('td', {}, number(b.calls)), el('td', {}, number(b.rejected)), el('td', {}, dateTime(b.since))))))));
    }

    ctx.on('breaker.state.changed', reload);
    ctx.on('resync', reload);
    reload();
    setInterval(() => { if (document.visibilityState === 'visible') reload(); }, POLL_MS);
  },
};
