// The live stream: an EventSource opened with a fresh single-use ticket each time (never the token in a URL),
// resumed after any drop from the last event id it saw, and watched so that a silent dead connection is replaced.
// Event ids are consecutive on a node, so a jump after a reconnect means events were missed (the node restarted or
// the gap outgrew its ring): the page then reloads its state ("resync"), as it does after a long time offline.

import { api } from './api.js';
import { EPHEMERAL_EVENTS } from './events.js';

const LONG_GAP_MS = 30_000;
const MAX_BACKOFF_MS = 10_000;

export class LiveStream {
  /**
   * @param names numbered event names to listen for
   * @param handlers {event({name, id, data}), state(state, detail), resync(reason), unauthorized()}
   */
  constructor({ authEnabled, names, handlers, silenceMs = 20_000 }) {
    this.authEnabled = authEnabled;
    this.names = [...new Set(names)];
    this.handlers = handlers;
    this.silenceMs = silenceMs;
    this.lastId = null;
    this.source = null;
    this.attempt = 0;
    this.droppedAt = null;
    this.checkNextId = false;
    this.timer = null;
    this.watchdog = null;
  }

  start() {
    this.connect();
    window.addEventListener('online', () => { if (!this.source) this.reconnectSoon(0); });
  }

  async connect() {
    clearTimeout(this.timer);
    this.handlers.state(this.attempt === 0 && this.lastId === null ? 'connecting' : 'reconnecting', this.attempt);
    let url = '/api/events/stream';
    const params = new URLSearchParams();
    try {
      if (this.authEnabled) params.set('ticket', (await api.post('/api/stream/tickets')).ticket);
    } catch (e) {
      if (e.status === 401) { this.handlers.unauthorized(); return; }
      this.dropped();
      return;
    }
    if (this.lastId !== null) params.set('last_event_id', String(this.lastId));
    if ([...params.keys()].length) url += `?${params}`;
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener('snapshot', e => this.onSnapshot(e));
    for (const name of this.names) source.addEventListener(name, e => this.onNumbered(name, e));
    for (const name of EPHEMERAL_EVENTS) source.addEventListener(name, e => this.onEphemeral(name, e));
    source.onerror = () => { if (this.source === source) this.dropped(); };
    this.armWatchdog();
  }

  onSnapshot(e) {
    this.armWatchdog();
    const longGap = this.droppedAt !== null && Date.now() - this.droppedAt > LONG_GAP_MS;
    this.checkNextId = this.lastId !== null;
    this.droppedAt = null;
    this.attempt = 0;
    this.handlers.state('live');
    this.handlers.event({ name: 'snapshot', id: null, data: parse(e.data) });
    if (longGap) this.handlers.resync('long-gap');
  }

  onNumbered(name, e) {
    this.armWatchdog();
    const id = Number(e.lastEventId);
    if (this.lastId !== null && id <= this.lastId) return; // already seen
    if (this.checkNextId && id > this.lastId + 1) this.handlers.resync('missed-events');
    this.checkNextId = false;
    this.lastId = id;
    this.handlers.event({ name, id, data: parse(e.data) });
  }

  onEphemeral(name, e) {
    this.armWatchdog();
    this.handlers.event({ name, id: null, data: parse(e.data) });
  }

  dropped() {
    if (this.source) this.source.close();
    this.source = null;
    clearTimeout(this.watchdog);
    if (this.droppedAt === null) this.droppedAt = Date.now();
    this.attempt += 1;
    this.handlers.state(navigator.onLine === false ? 'offline' : 'reconnecting', this.attempt);
    this.reconnectSoon(Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.attempt - 1)));
  }

  reconnectSoon(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** No event at all for a while (statistics come every second): the connection is dead without knowing it. */
  armWatchdog() {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.dropped(), this.silenceMs);
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
