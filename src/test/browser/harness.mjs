// What the dashboard tests share: Debian's Chromium driven by playwright-core (no browser download), a TCP proxy
// between the page and Vigil that a test can cut and restore, the API called directly, and screenshots.

import net from 'node:net';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const env = {
  vigil: required('VIGIL_URL'),
  admin: required('VIGIL_ADMIN_TOKEN'),
  operator: required('VIGIL_OPERATOR_TOKEN'),
  viewer: required('VIGIL_VIEWER_TOKEN'),
  screenshots: process.env.VIGIL_SCREENSHOTS || path.resolve('../../../target/browser'),
  probeTargetPort: Number(required('VIGIL_PROBE_TARGET_PORT')),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; DashboardBrowserIT sets it`);
  return value;
}

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  if (!fs.existsSync(env.chromium)) throw new Error(`no Chromium at ${env.chromium} (apt-get install chromium)`);
  return chromium.launch({ executablePath: env.chromium, args: CHROMIUM_FLAGS });
}

/** A page that records its console errors and uncaught exceptions. */
export async function open(browser, url, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || 'light' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', m => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, context, problems };
}

/** Signs in with a token when the page asks for one, and waits until the stream is live. */
export async function signIn(page, token) {
  await page.waitForSelector('#token-dialog[open]');
  await page.fill('#token-input', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('body[data-connection="live"]');
}

export async function screenshot(page, name) {
  fs.mkdirSync(env.screenshots, { recursive: true });
  await page.screenshot({ path: path.join(env.screenshots, `${name}.png`), fullPage: true });
}

export async function call(method, route, body, token = env.admin) {
  const response = await fetch(env.vigil + route, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A TCP proxy on a free loopback port; cut() drops every connection and refuses new ones until restore(). */
export async function proxy(target) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  let cut = false;
  const server = net.createServer(client => {
    if (cut) { client.destroy(); return; }
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut() { cut = true; for (const s of sockets) s.destroy(); },
    restore() { cut = false; },
    close() { for (const s of sockets) s.destroy(); return new Promise(resolve => server.close(resolve)); },
  };
}

/**
 * The HTTP service Vigil's component `probe-target` watches, on the port DashboardBrowserIT configured: 200
 * {"status":"up"} to every request. stop() closes it and every kept-alive connection, so the next probe is refused.
 */
export async function probeTarget(port = env.probeTargetPort) {
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"status":"up"}');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    stop() {
      const closed = new Promise(resolve => server.close(resolve));
      server.closeAllConnections();
      return closed;
    },
  };
}
