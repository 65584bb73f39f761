// The event log: the audit log's latest events, then every stream event live; filters by type, severity and
// component; a badge per type; the node it happened on when clustered; each row expands to its details. New rows are
// held (and counted) while the reader has scrolled down or opened a row, so nothing moves under their eyes.

import { el, panelHead, badge, time, dateTime } from '../ui.js';
import { family } from '../events.js';

const MAX_ROWS = 500;
const FAMILY_TONES = { task: 'warn', queue: 'info', system: 'bad', store: 'neutral', config: 'neutral',
  cluster: 'info', probe: 'ok', alarm: 'bad', notify: 'info', recovery: 'ok', breaker: 'warn', schedule: 'info', other: 'neutral' };

export default {
  id: 'events',
  mount(root, ctx) {
    const filters = { type: select('type', 'all types'), severity: select('severity', 'all severities',
      ['info', 'warning', 'critical']), component: select('component', 'all components') };
    const list = el('div.log', { id: 'event-log', tabindex: '0', 'aria-label': 'events, newest first' });
    const held = [];
    const more = el('button.new-events', { type: 'button', hidden: true, onclick: () => flush(true) });
    const note = el('p.muted', { id: 'events-note' });
    root.replaceChildren(panelHead(root, 'events', 'Events', el('div.filters', {}, Object.values(filters))),
      note, more, list);
    const known = new Map(); // event id → its row (the audit log's and the stream's ids are the same)

    for (const s of Object.values(filters)) s.addEventListener('change', () => list.childNodes.forEach(applyFilter));
    list.addEventListener('scroll', () => { if (!reading()) flush(false); });
    list.addEventListener('toggle', () => { if (!reading()) flush(false); }, true);

    function row(event, streamId) {
      const summary = el('summary', {},
        el('span.time', { title: dateTime(event.time) }, time(event.time)),
        badge(event.severity || 'info'),
        el(`span.badge.tone-${FAMILY_TONES[family(event.type)]}`, { dataset: { family: family(event.type) } }, event.type),
        el('span.msg', {}, event.node ? el('span.node.mono.muted', { title: `node ${event.node}` },
          `${String(event.node).slice(0, 8)} · `) : null,
        event.component ? el('span.component.muted', {}, `${event.component} · `) : null, event.message));
      const details = el('details', { dataset: { type: event.type, severity: event.severity || 'info',
        component: event.component || '', node: event.node || '', eventId: event.id || '', streamId: streamId ?? '' } },
      summary,
      el('dl.kv', {}, ...[['time', dateTime(event.time)], ['actor', event.actor], ['component', event.component],
        ['node', event.node],
        ['event id', event.id], ['stream id', streamId]]
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
      el('pre', {}, JSON.stringify(event.details || {}, null, 2)));
      return details;
    }

    function add(event, streamId, live) {
      if (!event || !event.type) return;
      if (event.id && known.has(event.id)) {
        const seen = known.get(event.id); // read from the audit log first: it gets its stream id now
        if (streamId !== null && !seen.dataset.streamId) seen.dataset.streamId = streamId;
        return;
      }
      remember(filters.type, event.type);
      if (event.component) remember(filters.component, event.component);
      const node = row(event, streamId);
      if (event.id) known.set(event.id, node);
      applyFilter(node);
      if (live && reading()) {
        held.push(node);
        more.hidden = false;
        more.textContent = `${held.length} new event${held.length === 1 ? '' : 's'} — show`;
      } else if (live) {
        list.prepend(node);
      } else {
        list.append(node); // history, newest first
      }
      while (list.childNodes.length > MAX_ROWS) {
        known.delete(list.lastChild.dataset.eventId);
        list.lastChild.remove();
      }
    }

    /** The reader is reading: scrolled away from the newest rows, or a row is open. */
    function reading() {
      return list.scrollTop > 4 || list.querySelector('details[open]') !== null;
    }

    function flush(force) {
      if (!held.length || (!force && reading())) return;
      for (const node of held.splice(0)) list.prepend(node);
      more.hidden = true;
      if (force) list.scrollTop = 0;
    }

    function applyFilter(node) {
      const d = node.dataset;
      node.hidden = (filters.type.value && d.type !== filters.type.value)
        || (filters.severity.value && d.severity !== filters.severity.value)
        || (filters.component.value && d.component !== filters.component.value);
    }

    async function loadHistory() {
      try {
        const page = await ctx.api.get('/api/events?limit=100');
        for (const event of page.events) add(event, null, false);
        note.textContent = '';
      } catch (e) {
        note.textContent = `The audit log is not available (${e.message}); showing live events only.`;
      }
    }

    ctx.on('*', e => add(e.data, e.id, true));
    // every stream event names the node it happened on: worth a column only when there are several
    ctx.on('cluster', cluster => list.classList.toggle('clustered', Boolean(cluster.clustered)));
    ctx.on('resync', loadHistory);
    loadHistory();
  },
};

function select(name, all, values = []) {
  const s = el('select', { 'aria-label': `filter by ${name}`, dataset: { filter: name } },
    el('option', { value: '' }, all), values.map(v => el('option', { value: v }, v)));
  return s;
}

function remember(selectEl, value) {
  if ([...selectEl.options].some(o => o.value === value)) return;
  selectEl.append(el('option', { value }, value));
}
