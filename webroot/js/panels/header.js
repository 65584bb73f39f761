// The header: overall status and the plain-language line (GET /api/status), the system mode with its switch, the
// emergency stop and resume (admin), this node and the leader when clustered (GET /api/cluster), the connection, the
// signed-in token. On a node without /api/status the status is derived from the mode and the queue backend.

import { el, tone, control, askReason, dateTime } from '../ui.js';

const MODES = ['async_queue', 'sync_direct', 'paused', 'stopped'];
const MODE_LABELS = { async_queue: 'queue', sync_direct: 'direct', paused: 'paused', stopped: 'stopped' };
const REFRESH_ON = ['system.mode.changed', 'queue.backend.lost', 'queue.backend.restored', 'store.unavailable',
  'store.restored', 'component.status.changed', 'cluster.leader.changed'];

export default {
  id: 'header',
  mount(root, ctx) {
    const overall = el('span.pill', { id: 'overall', 'aria-live': 'polite' }, '…');
    const line = el('span.status-line', { id: 'status-line' });
    const mode = el('span.pill', { id: 'mode', title: 'system mode' }, '…');
    const node = el('span.muted.mono', { id: 'node' });
    const conn = el('span.pill.conn', { id: 'connection', 'data-state': 'connecting', role: 'status' }, 'connecting');

    const select = el('select', { id: 'mode-select', 'aria-label': 'new system mode' },
      MODES.filter(m => m !== 'stopped').map(m => el('option', { value: m }, `${MODE_LABELS[m]} (${m})`)));
    const switchButton = el('button', { id: 'mode-switch', type: 'button', onclick: () => switchMode() }, 'Switch mode');
    const modeControls = control(ctx, 'admin', el('span.group', {}, select, switchButton));
    const stop = control(ctx, 'admin', el('button.danger', { id: 'emergency-stop', type: 'button', onclick: () => stopAll() },
      'Emergency stop'));
    const resume = control(ctx, 'admin', el('button.primary', { id: 'resume', type: 'button', hidden: true,
      onclick: () => resumeAll() }, 'Resume'));

    root.replaceChildren(
      el('span.brand', {}, 'Vigil'),
      el('span.group', {}, overall, line),
      el('span.spacer'),
      el('span.group', {}, el('span.muted', {}, 'mode'), mode, modeControls, stop, resume),
      el('span.group', {}, node, conn),
      el('span.group', {},
        el('button', { type: 'button', onclick: ctx.toggleTheme, 'aria-label': 'switch light and dark theme' }, 'Theme'),
        el('span.muted', { id: 'whoami' }, `${ctx.me.name} · ${ctx.me.role}`),
        ctx.me.auth ? el('button', { type: 'button', onclick: ctx.signOut }, 'Sign out') : null));

    let current = null;
    let refreshes = 0;

    async function refresh() {
      const asked = ++refreshes; // events come in bursts: only the latest answer is drawn
      try {
        const [m, status] = await Promise.all([ctx.api.get('/api/system/mode'),
          ctx.has('/api/status') ? ctx.api.get('/api/status').catch(() => null) : null]);
        if (asked !== refreshes) return;
        current = m;
        render(current, status);
      } catch (e) {
        if (asked !== refreshes) return;
        overall.className = 'pill tone-neutral';
        overall.textContent = 'unknown';
        line.textContent = `Cannot read the system mode: ${e.message}`;
      }
    }

    function render(m, status) {
      mode.className = `pill tone-${tone(m.mode)}`;
      mode.textContent = m.fallback_active ? `${m.mode} (fallback)` : m.mode;
      mode.dataset.mode = m.mode;
      if (select && MODES.includes(m.mode) && m.mode !== 'stopped') select.value = m.mode;
      if (stop) stop.hidden = m.mode === 'stopped';
      if (resume) resume.hidden = m.mode !== 'stopped';
      if (select) select.disabled = switchButton.disabled = m.mode === 'stopped';
      const shown = status ? fromStatus(status) : derive(m);
      overall.className = `pill tone-${tone(shown.status)}`;
      overall.textContent = shown.status;
      overall.dataset.status = shown.status;
      line.textContent = shown.message;
      line.title = [status?.since ? `since ${dateTime(status.since)}` : null,
        m.changed_at ? `mode since ${dateTime(m.changed_at)}${m.changed_by ? ` by ${m.changed_by}` : ''}` : null,
        ...(status?.suggested_actions || []).map(a => `${a.name}: ${a.action}`)].filter(Boolean).join('\n');
    }

    async function switchMode() {
      const target = select.value;
      if (current && target === current.mode) return;
      const reason = await askReason('Switch the system mode', `Switch every node to ${target}.`, 'Switch');
      if (!reason) return;
      await act(() => ctx.api.put('/api/system/mode', { mode: target, reason }), `Mode switched to ${target}`);
    }

    async function stopAll() {
      const reason = await askReason('Emergency stop',
        'Stop all work on every node: new tasks are refused, running ones get their grace period.', 'Stop everything', true);
      if (!reason) return;
      await act(() => ctx.api.post('/api/system/stop', { reason }), 'Stopped');
    }

    async function resumeAll() {
      const reason = await askReason('Resume', 'Resume work on every node (queue mode).', 'Resume');
      if (!reason) return;
      await act(() => ctx.api.post('/api/system/resume', { reason }), 'Resumed');
    }

    async function act(call, done) {
      try {
        await call();
        ctx.toast(done);
      } catch (e) {
        ctx.toast(e.message, true);
      }
      refresh();
    }

    /** When clustered: this node, and the leader (or "leader" when it is this one); told to the other panels too. */
    async function showNode() {
      if (!ctx.has('/api/cluster')) return;
      const cluster = await ctx.api.get('/api/cluster').catch(() => null);
      ctx.emit('cluster', cluster || { clustered: false });
      if (!cluster || !cluster.clustered) {
        node.textContent = '';
        return;
      }
      const short = id => String(id || '').slice(0, 8);
      const leader = cluster.leader?.node;
      node.textContent = `node ${short(cluster.node)} · ${cluster.leads ? 'leader'
        : leader ? `leader ${short(leader)}` : 'no leader'}`;
      node.dataset.leads = String(Boolean(cluster.leads));
      node.title = `${cluster.nodes?.length || 1} node(s); this one ${cluster.node}`
        + (leader ? `; leader ${leader} since ${dateTime(cluster.leader.since)}` : '');
    }

    ctx.on('connection', ({ state, attempt }) => {
      conn.dataset.state = state;
      conn.textContent = state === 'reconnecting' && attempt > 1 ? `reconnecting (${attempt})` : state;
    });
    for (const name of REFRESH_ON) ctx.on(name, refresh);
    ctx.on('cluster.leader.changed', showNode);
    ctx.on('resync', () => { refresh(); showNode(); });
    refresh();
    showNode();
  },
};

/**
 * The overall word from GET /api/status: whether work is refused or held comes first (the status itself only weighs
 * the critical components), then the components' status.
 */
function fromStatus(s) {
  if (!s.can_accept_work) return { status: s.mode === 'stopped' ? 'stopped' : 'down', message: s.message };
  if (!s.can_publish) return { status: 'paused', message: s.message };
  return { status: s.status, message: s.message };
}

/** On a node without /api/status: the mode and the queue backend say whether work flows. */
function derive(m) {
  if (m.mode === 'stopped') return { status: 'stopped', message: `Stopped${who(m)}. New work is refused.` };
  if (m.backend_lost || m.fallback_active) {
    return { status: 'degraded', message: 'The queue backend is unavailable; work runs directly (fallback).' };
  }
  if (m.mode === 'paused') return { status: 'paused', message: `Paused${who(m)}. Work is accepted and held.` };
  if (m.mode === 'sync_direct') return { status: 'degraded', message: `Running tasks directly${who(m)}.` };
  return { status: 'healthy', message: 'All systems normal.' };
}

function who(m) {
  return `${m.changed_by ? ` by ${m.changed_by}` : ''}${m.reason ? `: ${m.reason}` : ''}`;
}
