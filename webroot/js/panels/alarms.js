// Alarms (issue 16): firing / acknowledged / suppressed / silenced with severity, since and notifications sent;
// acknowledge with a comment (operator). Renders nothing until this node serves GET /api/alarms or the stream
// carries alarms (snapshot key `alarms`, events alarm.firing, alarm.acknowledged, ...: ALARM_EVENTS).

import { el, panelHead, badge, dateTime, control, askReason } from '../ui.js';
import { ALARM_EVENTS } from '../events.js';

export default {
  id: 'alarms',
  mount(root, ctx) {
    const content = el('div', { id: 'alarms' });
    let shown = false;

    function render(alarms) {
      if (!shown) {
        shown = true;
        root.replaceChildren(panelHead(root, 'alarms', 'Alarms'), content);
      }
      const open = alarms.filter(a => a.state !== 'resolved');
      if (!open.length) {
        content.replaceChildren(el('p.empty', {}, 'No open alarms.'));
        return;
      }
      content.replaceChildren(el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['alarm', 'severity', 'state', 'since', 'sent', ''].map(h => el('th', {}, h)))),
        el('tbody', {}, open.map(a => el('tr', { dataset: { alarm: a.id, state: a.state } },
          el('th', { scope: 'row', title: a.annotations?.description || '' }, a.annotations?.summary || a.rule || a.id),
          el('td', {}, badge(a.severity)),
          el('td', {}, badge(a.state), a.silenced ? badge('silenced', 'neutral') : null,
            a.suppressed ? badge('suppressed', 'neutral') : null),
          el('td', {}, dateTime(a.since || a.started_at)),
          el('td', {}, String(a.notifications_sent ?? a.notifications?.length ?? '–')),
          el('td.actions', {}, a.state === 'firing' ? control(ctx, 'operator', el('button', { type: 'button',
            onclick: () => ack(a) }, 'Acknowledge')) : null)))))));
    }

    async function ack(alarm) {
      const comment = await askReason('Acknowledge alarm', alarm.annotations?.summary || alarm.rule || alarm.id, 'Acknowledge');
      if (!comment) return;
      try {
        await ctx.api.post(`/api/alarms/${encodeURIComponent(alarm.id)}/ack`, { comment });
        reload();
      } catch (e) {
        ctx.toast(e.message, true);
      }
    }

    async function reload() {
      if (!ctx.has('/api/alarms')) return;
      try {
        const answer = await ctx.api.get('/api/alarms');
        render(Array.isArray(answer) ? answer : answer.alarms || []);
      } catch (e) {
        ctx.toast(`Alarms: ${e.message}`, true);
      }
    }

    ctx.on('snapshot', e => { if (Array.isArray(e.data.alarms)) render(e.data.alarms); });
    ALARM_EVENTS.forEach(name => ctx.on(name, reload));
    ctx.on('resync', reload);
    reload();
  },
};
