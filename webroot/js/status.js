// The editors' page: one answer — can we publish right now? — with the reason, since when, and what is being done.
// From GET /api/status when this node has it (issue 15); until then from public readiness (/health/ready: the mode
// and whether the queue accepts work) and, with a token in this tab, the mode's reason and time. No controls.

import { request } from './api.js';

const REFRESH_MS = 3000;
const $ = id => document.getElementById(id);
let firstSeen = null;
let lastVerdict = null;

async function answer() {
  const me = await request('GET', '/api/whoami').catch(() => null);
  const api = me?.role ? me.api || [] : [];
  if (api.includes('/api/status')) {
    const s = await request('GET', '/api/status');
    return {
      verdict: s.can_publish ? (s.status === 'healthy' ? 'yes' : 'delayed') : 'no',
      message: s.message,
      since: s.since,
      doing: (s.suggested_actions || []).join(' '),
    };
  }
  return fromReadiness(await readiness(), api.includes('/api/system/mode') ? await request('GET', '/api/system/mode') : null);
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
