// Small DOM helpers shared by every panel: no framework, no build step.

/** el('button.primary', {onclick, type: 'button', dataset: {requires: 'admin'}}, 'Stop') */
export function el(spec, props = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The standard head of a panel: its title (the section is labelled by it) and room for actions. */
export function panelHead(root, id, title, ...actions) {
  return el('div.panel-head', {}, el('h2', { id: `${id}-title` }, title), el('span.spacer'), ...actions);
}

const TONES = {
  healthy: 'ok', up: 'ok', closed: 'ok', completed: 'ok', async_queue: 'ok', resolved: 'ok', info: 'info',
  degraded: 'warn', warning: 'warn', half_open: 'warn', paused: 'warn', sync_direct: 'warn', retrying: 'warn',
  acknowledged: 'info', pending: 'warn', delayed: 'info', queued: 'info', active: 'info',
  unhealthy: 'bad', down: 'bad', open: 'bad', forced_open: 'bad', critical: 'bad', stopped: 'bad', dead: 'bad',
  firing: 'bad', failed: 'bad', cancelled: 'neutral', forced_closed: 'warn', unknown: 'neutral',
};

export function tone(word) {
  return TONES[String(word || '').toLowerCase()] || 'neutral';
}

export function badge(text, toneName = tone(text)) {
  return el(`span.badge.tone-${toneName}`, {}, text);
}

export function pill(text, toneName = tone(text)) {
  return el(`span.pill.tone-${toneName}`, {}, text);
}

export function number(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString();
}

export function percent(ratio) {
  return ratio === null || ratio === undefined ? '–' : `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.01 ? 2 : 1)} %`;
}

export function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = s / 60;
  if (m < 60) return `${Math.floor(m)} min ${Math.round(s % 60)} s`;
  const h = m / 60;
  return h < 48 ? `${Math.floor(h)} h ${Math.round(m % 60)} min` : `${Math.round(h / 24)} d`;
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour12: false });
}

export function dateTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { hour12: false });
}

export function toast(message, bad = false) {
  const node = el(`div.toast${bad ? '.bad' : ''}`, {}, message);
  document.getElementById('toasts').append(node);
  setTimeout(() => node.remove(), bad ? 8000 : 4000);
}

/**
 * Asks for a reason in a modal dialog; resolves to the text, or null when cancelled. With {withReason: false} it only
 * asks to confirm (for a call that takes no reason) and resolves to true.
 */
export function askReason(title, text, confirmLabel = 'Confirm', danger = false, { withReason = true } = {}) {
  const input = document.getElementById('reason-input');
  const confirm = document.getElementById('reason-confirm');
  document.getElementById('reason-title').textContent = title;
  document.getElementById('reason-text').textContent = text;
  confirm.textContent = confirmLabel;
  confirm.className = danger ? 'danger' : 'primary';
  input.value = '';
  input.required = withReason;
  for (const node of [input, document.querySelector('label[for="reason-input"]')]) node.hidden = !withReason;
  return modal('reason', withReason ? input : confirm, () => {
    if (!withReason) return true;
    return input.value.trim() || undefined;
  });
}

/**
 * Shows the dialog #<name>-dialog (its form #<name>-form, its cancel button #<name>-cancel) and resolves to what
 * read() returns on submit (undefined: not yet, the dialog stays), or null when cancelled.
 */
export function modal(name, focus, read) {
  const dialog = document.getElementById(`${name}-dialog`);
  const form = document.getElementById(`${name}-form`);
  const cancel = document.getElementById(`${name}-cancel`);
  return new Promise(resolve => {
    const done = value => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(value);
    };
    const onSubmit = e => {
      e.preventDefault();
      const value = read();
      if (value !== undefined) done(value);
    };
    const onCancel = e => { e.preventDefault(); done(null); };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
    focus.focus();
  });
}

/** A control only the given role (or a higher one) may use; null for the others, so it is never rendered. */
export function control(ctx, role, node) {
  if (!ctx.can(role)) return null;
  node.dataset.requires = role;
  return node;
}

/**
 * Replaces a container's children; when a control inside it had the keyboard focus, the control with the same
 * data-focus-key gets it back, so a live refresh does not throw a keyboard user out of a table.
 */
export function rerender(container, ...children) {
  const key = container.contains(document.activeElement) ? document.activeElement.dataset.focusKey : undefined;
  container.replaceChildren(...children);
  if (key) container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}
