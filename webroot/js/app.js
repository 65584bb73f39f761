// Boot: who is this (asking for a token when the API needs one), then every panel mounts into its slot and the
// live stream feeds them. A panel is a module exporting {id, mount(root, ctx)}; see README "Dashboard panels".

import { api, token } from './api.js';
import { LiveStream } from './stream.js';
import { STREAM_EVENTS, EPHEMERAL_EVENTS } from './events.js';
import { toast } from './ui.js';
import header from './panels/header.js';
import components from './panels/components.js';
import alarms from './panels/alarms.js';
import queues from './panels/queues.js';
import recovery from './panels/recovery.js';
import breakers from './panels/breakers.js';
import events from './panels/events.js';

const PANELS = [header, components, alarms, queues, recovery, breakers, events];
const ROLES = ['viewer', 'producer', 'operator', 'admin'];

/** Subscribers by event name: stream event names, plus 'snapshot', 'resync', 'connection', 'theme', 'cluster' and '*'. */
class Hub {
  constructor() { this.listeners = new Map(); }
  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, []);
    this.listeners.get(name).push(fn);
  }
  emit(name, payload) {
    for (const fn of this.listeners.get(name) || []) {
      try {
        fn(payload);
      } catch (e) {
        console.warn(`a ${name} listener failed`, e); // one panel's bug must not stop the others
      }
    }
  }
  names() { return [...this.listeners.keys()]; }
}

/** Who the stored token is; null when a token is needed (none stored, or the stored one is no longer valid). */
async function whoami() {
  try {
    const me = await api.get('/api/whoami');
    return me.role ? me : null;
  } catch (e) {
    if (e.status === 401) {
      token.clear();
      return null;
    }
    throw e;
  }
}

function askToken() {
  const dialog = document.getElementById('token-dialog');
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  const error = document.getElementById('token-error');
  return new Promise(resolve => {
    form.addEventListener('submit', async e => {
      e.preventDefault();
      token.set(input.value.trim());
      const me = await whoami().catch(() => null);
      if (me) {
        dialog.close();
        input.value = '';
        resolve(me);
      } else {
        token.clear();
        error.textContent = 'That token was not accepted.';
        input.select();
      }
    });
    dialog.addEventListener('cancel', e => e.preventDefault()); // nothing to show without a token
    dialog.showModal();
    input.focus();
  });
}

function initTheme(hub) {
  const saved = localStorage.getItem('vigil.theme');
  if (saved) document.documentElement.dataset.theme = saved;
  return () => {
    const dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === 'dark'
      : matchMedia('(prefers-color-scheme: dark)').matches;
    const next = dark ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    localStorage.setItem('vigil.theme', next);
    hub.emit('theme', next);
  };
}

async function boot() {
  const hub = new Hub();
  const toggleTheme = initTheme(hub);
  const me = (await whoami()) || (await askToken());
  const ctx = {
    api,
    me,
    can: role => ROLES.indexOf(me.role) >= ROLES.indexOf(role),
    /** Whether this node serves an API route (a template such as '/api/components/:id'). */
    has: path => (me.api || []).includes(path),
    on: (name, fn) => hub.on(name, fn),
    emit: (name, payload) => hub.emit(name, payload),
    toggleTheme,
    signOut: () => { token.clear(); location.reload(); },
    toast,
  };
  for (const panel of PANELS) {
    const root = panel.id === 'header' ? document.getElementById('header')
      : document.querySelector(`[data-panel="${panel.id}"]`);
    panel.mount(root, ctx);
  }
  const stream = new LiveStream({
    authEnabled: me.auth,
    names: [...STREAM_EVENTS, ...hub.names().filter(n => n.includes('.') && !EPHEMERAL_EVENTS.includes(n))],
    handlers: {
      event: e => {
        hub.emit(e.name, e);
        if (e.id !== null) hub.emit('*', e);
      },
      state: (state, attempt) => {
        document.body.dataset.connection = state;
        hub.emit('connection', { state, attempt });
      },
      resync: reason => hub.emit('resync', reason),
      unauthorized: () => { toast('The token is no longer accepted; sign in again.', true); ctx.signOut(); },
    },
  });
  stream.start();
  document.body.dataset.ready = 'true';
}

boot().catch(e => {
  console.warn('the dashboard could not start', e);
  toast(`The dashboard could not start: ${e.message}`, true);
});
