// Alarms (issue 16): every open alarm — pending, firing, acknowledged, and whether it is silenced or suppressed —
// with severity, since and notifications sent; acknowledge with a comment and silence for a duration with a comment
// (operator; POST /api/alarms/{id}/ack, POST /api/silences matching the alarm's labels); a row expands to the alarm's
// timeline (GET /api/alarms/{id}: transitions, flags, messages, deliveries). The live silences are listed under the
// table, each with "End" (DELETE /api/silences/{id}). Renders nothing until this node serves GET /api/alarms or the
// stream carries alarms (snapshot key `alarms`, events alarm.firing, alarm.acknowledged, ...: ALARM_EVENTS).

import { el, panelHead, badge, dateTime, control, askReason, modal, rerender } from '../ui.js';
import { ALARM_EVENTS } from '../events.js';

export default {
  id: 'alarms',
  mount(root, ctx) {
    const content = el('div', { id: 'alarms' });
    const silences = el('div', { id: 'silences' });
    const expanded = new Set(); // alarm ids whose timeline is open
    let shown = false;

    function render(alarms) {
      if (!shown) {
        shown = true;
        root.replaceChildren(panelHead(root, 'alarms', 'Alarms'), content, silences);
      }
      const open = alarms.filter(a => a.state !== 'resolved');
      if (!open.length) {
        rerender(content, el('p.empty', {}, 'No open alarms.'));
        return;
      }
      rerender(content, el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['alarm', 'severity', 'state', 'since', 'sent', el('span.sr-only', {}, 'actions')]
          .map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, open.flatMap(rows)))));
    }

    function rows(a) {
      const title = a.summary || a.annotations?.summary || a.rule || a.id;
      const isOpen = expanded.has(a.id);
      const sub = el('tr.sub', { hidden: !isOpen, dataset: { timelineOf: a.id } }, el('td', { colSpan: 6 }));
      if (isOpen) showTimeline(a.id, sub.firstChild);
      const toggle = el('button.link', { type: 'button', 'aria-expanded': String(isOpen),
        dataset: { focusKey: `timeline ${a.id}` }, title: a.annotations?.description || 'show its timeline',
        onclick: () => {
          const opening = sub.hidden;
          sub.hidden = !opening;
          toggle.setAttribute('aria-expanded', String(opening));
          if (opening) { expanded.add(a.id); showTimeline(a.id, sub.firstChild); } else expanded.delete(a.id);
        } }, title);
      return [el('tr', { dataset: { alarm: a.id, state: a.state, silenced: String(Boolean(a.silenced)),
        suppressed: String(Boolean(a.suppressed)) } },
      el('th', { scope: 'row' }, toggle),
      el('td', {}, badge(a.severity)),
      el('td', { dataset: { field: 'state' } }, badge(a.state), a.silenced ? badge('silenced', 'neutral') : null,
        a.suppressed ? badge('suppressed', 'neutral') : null),
      el('td', {}, dateTime(a.since || a.starts_at)),
      el('td', { title: (a.told || []).join(', ') }, String(a.notifications_sent ?? '–')),
      el('td.actions', {},
        a.state === 'firing' ? control(ctx, 'operator', el('button', { type: 'button',
          dataset: { focusKey: `ack ${a.id}` }, onclick: () => ack(a, title) }, 'Acknowledge')) : null,
        !a.silenced ? control(ctx, 'operator', el('button', { type: 'button',
          dataset: { focusKey: `silence ${a.id}` }, onclick: () => silence(a, title) }, 'Silence')) : null)), sub];
    }

    async function showTimeline(id, cell) {
      if (!cell.firstChild) cell.append(el('span.muted', {}, 'loading…'));
      try {
        const { timeline } = await ctx.api.get(`/api/alarms/${encodeURIComponent(id)}?limit=100`);
        cell.replaceChildren(timeline.length ? el('ol.timeline', { 'aria-label': 'timeline' },
          timeline.map(t => el('li', { dataset: { kind: t.kind } },
            el('span.time', {}, dateTime(t.at)), ' ', badge(t.kind, 'neutral'), ' ',
            t.from || t.to ? el('span.mono', {}, `${t.from || '·'} → ${t.to || '·'}`) : null, ' ',
            t.message, t.actor ? el('span.muted', {}, ` — ${t.actor}`) : null)))
          : el('p.empty', {}, 'Nothing recorded yet.'));
      } catch (e) {
        cell.replaceChildren(el('p.error', {}, e.message));
      }
    }

    async function ack(alarm, title) {
      const comment = await askReason('Acknowledge alarm', title, 'Acknowledge');
      if (!comment) return;
      await act(() => ctx.api.post(`/api/alarms/${encodeURIComponent(alarm.id)}/ack`, { comment }), 'Acknowledged');
    }

    /** A silence for this alarm: one matcher per label it carries (its rule and series), for the chosen duration. */
    async function silence(alarm, title) {
      const duration = document.getElementById('silence-duration');
      const comment = document.getElementById('silence-comment');
      document.getElementById('silence-text').textContent =
        `${title}. It keeps being evaluated and shown; nobody is notified while it is silenced.`;
      comment.value = '';
      const answer = await modal('silence', comment,
        () => (comment.value.trim() ? { duration: duration.value, comment: comment.value.trim() } : undefined));
      if (!answer) return;
      const matchers = Object.entries(alarm.labels || {}).map(([name, value]) => ({ name, op: '=', value }));
      await act(() => ctx.api.post('/api/silences', { matchers, ...answer }), `Silenced for ${answer.duration}`);
    }

    async function endSilence(s) {
      if (!await askReason('End silence', s.comment, 'End silence', false, { withReason: false })) return;
      await act(() => ctx.api.delete(`/api/silences/${encodeURIComponent(s.id)}`), 'Silence ended');
    }

    async function act(call, done) {
      try {
        await call();
        ctx.toast(done);
        reload();
      } catch (e) {
        ctx.toast(e.message, true);
      }
    }

    async function reload() {
      if (!ctx.has('/api/alarms')) return;
      try {
        const [answer, live] = await Promise.all([ctx.api.get('/api/alarms?state=open'),
          ctx.has('/api/silences') ? ctx.api.get('/api/silences') : null]);
        render(answer.alarms);
        if (live) renderSilences(live.silences);
      } catch (e) {
        ctx.toast(`Alarms: ${e.message}`, true);
      }
    }

    function renderSilences(list) {
      rerender(silences, list.length ? el('div.silences', {},
        el('h3', {}, `Silences (${list.length})`),
        el('ul', {}, list.map(s => el('li', { dataset: { silence: s.id, state: s.state } },
          badge(s.state, s.state === 'active' ? 'neutral' : 'info'), ' ',
          el('span.mono', {}, s.matchers.map(m => `${m.name}${m.op}${m.value}`).join(', ')), ' ',
          `until ${dateTime(s.ends_at)} — ${s.comment} (${s.created_by}) `,
          control(ctx, 'operator', el('button', { type: 'button', dataset: { focusKey: `end ${s.id}` },
            onclick: () => endSilence(s) }, 'End')))))) : '');
    }

    ctx.on('snapshot', e => { if (Array.isArray(e.data.alarms)) render(e.data.alarms); });
    ALARM_EVENTS.forEach(name => ctx.on(name, reload));
    ctx.on('resync', reload);
    reload();
  },
};
