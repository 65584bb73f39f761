// The editors' page: one answer — can we publish right now? — with the reason, since when, and what is being done.
// From GET /api/status when this page may read it: with a token in this tab (a viewer's is enough), or without one
// when the node allows it (http.public_status: whoami lists /api/status under `public`). Otherwise from public
// readiness (/health/ready: the mode and whether the queue accepts work). No controls.

import { request } from './api.js';

const REFRESH_MS = 3000;
const $ = id => document.getElementById(id);
let firstSeen = null;
let lastVerdict = null;

async function answer() {
  const me = await request('GET', '/api/whoami').catch(() => null);
  if (me?.role ? (me.api || []).includes('/api/status') : (me?.public || []).includes('/api/status')) {
    return fromStatus(await request('GET', '/api/status', undefined, me?.role ? undefined : null));
  }
  const api = me?.role ? me.api || [] : [];
  return fromReadiness(await readiness(), api.includes('/api/system/mode') ? await request('GET', '/api/system/mode') : null);
}

/**
 * The status line's facts as the editors' verdict: refused → No; accepted but held (paused), run without the queue,
 * or a critical component degraded → Yes, delayed; else Yes (also while component health is not known yet: work is
 * accepted, and the sentence says so).
 */
function fromStatus(s) {
  let verdict = 'yes';
  if (!s.can_accept_work) verdict = 'no';
  else if (!s.can_publish || s.mode === 'sync_direct' || s.status === 'degraded') verdict = 'delayed';
  return { verdict, message: s.message, since: s.since, doing: doing(s, verdict) };
}

function doing(s, verdict) {
  if (s.mode === 'stopped') return 'Operators stopped all work on purpose; it resumes when they lift the stop.';
  if (verdict === 'no') return 'Nothing you send is accepted until this is fixed; operators see the same status.';
  if (s.mode === 'paused') return 'Operators paused processing; nothing you send is lost.';
  if (verdict === 'delayed') return 'What you send is accepted and goes out as soon as it can; operators see the same status.';
  return '';
}

async function readiness() {
  const response = await fetch('/health/ready', { cache: 'no-store' });
  const body = await response.json();
  return (body.checks || []).find(c => c.id === 'queue')?.data || {};
}

function fromReadiness(queue, mode) {
  const m = mode?.mode || queue.mode;
  const why = mode?.reason ? ` (${mode.reason})` : '';
  const since = mode?.changed_at || null;
  if (m === 'stopped') {
    return { verdict: 'no', since, message: `Publishing is stopped${why}.`,
      doing: 'Operators stopped all work on purpose; it resumes when they lift the stop.' };
  }
  if (!queue.accepting) {
    return { verdict: 'no', since, message: 'Vigil cannot accept work right now.',
      doing: 'The queue backend is unavailable and no fallback is allowed; operators are alerted.' };
  }
  if (m === 'paused') {
    return { verdict: 'delayed', since, message: `Publishing is paused${why}: what you send is kept and goes out later.`,
      doing: 'Operators paused processing; nothing you send is lost.' };
  }
  if (!queue.up || mode?.fallback_active || m === 'sync_direct') {
    return { verdict: 'delayed', since, message: 'Yes, more slowly: the queue backend is unavailable and work runs directly.',
      doing: 'Vigil switched to direct processing by itself and reconnects to the queue.' };
  }
  return { verdict: 'yes', since, message: 'All systems normal.', doing: '' };
}

const WORDS = { yes: 'Yes', delayed: 'Yes, delayed', no: 'No', unknown: '?' };

function show(a) {
  if (a.verdict !== lastVerdict) { lastVerdict = a.verdict; firstSeen = new Date(); }
  $('answer').dataset.answer = a.verdict;
  $('verdict').textContent = WORDS[a.verdict];
  $('message').textContent = a.message;
  const since = a.since ? new Date(a.since) : firstSeen;
  $('since').textContent = a.verdict === 'unknown' ? '' : `Since ${since.toLocaleString([], { hour12: false })}.`;
  $('doing').textContent = a.doing || '';
  $('checked').textContent = `Checked ${new Date().toLocaleTimeString([], { hour12: false })}; this page refreshes itself.`;
  document.title = `${WORDS[a.verdict]} — can we publish? — Vigil`;
}

async function tick() {
  try {
    show(await answer());
  } catch (e) {
    show({ verdict: 'unknown', message: `Vigil does not answer (${e.message}).`, doing: 'Ask the operators.' });
  }
}

tick();
setInterval(tick, REFRESH_MS);
