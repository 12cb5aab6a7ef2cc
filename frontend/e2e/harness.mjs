// What the browser test files share: Debian's Chromium (never a downloaded one), where screenshots go and
// at which sizes, axe-core, and a JSON call to the API.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SHOTS = join(fileURLToPath(new URL('.', import.meta.url)), '../target/e2e-screenshots');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
export const TV = { width: 1920, height: 1080 };

export function launchChromium() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

/**
 * This file's server (see server.mjs) and Chromium, started before its tests and stopped after them;
 * tests read `e2e.server` and `e2e.browser`.
 */
export function serverAndBrowser() {
  const e2e = { server: undefined, browser: undefined };
  before(async () => {
    e2e.server = await startServer();
    e2e.browser = await launchChromium();
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
  });
  return e2e;
}

/**
 * Screenshots at phone and desktop size (or the given `[label, viewport]` pairs); `focus` is scrolled into
 * view first (fullPage cannot reach inside a dialog).
 */
export async function shoot(page, name, focus, sizes = [['phone', PHONE], ['desktop', DESKTOP]]) {
  const size = page.viewportSize();
  for (const [label, viewport] of sizes) {
    await page.setViewportSize(viewport);
    await focus?.scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${label}.png`), fullPage: label === 'phone' });
  }
  await page.setViewportSize(size);
}

/** Fails on serious or critical accessibility violations (axe-core, injected: contexts need bypassCSP). */
export async function axe(page, name) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `${name}: serious accessibility violations\n${JSON.stringify(serious, null, 2)}`);
}

/** A JSON call to `${baseUrl}/api/v1${path}` that must succeed; answers the parsed body. */
export async function apiCall(baseUrl, method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}
