// Lighthouse on every page of a seeded, live jam, in Debian's Chromium, against the built jar.
// Fails when a page scores under 95 for best practices or (an app page) accessibility, or when Chromium calls an app
// page not installable (Lighthouse 12 dropped its PWA category); prints the table that
// docs/frontend.md keeps, and with --write-docs puts it there. Run through scripts/lighthouse.sh.
import { readFileSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { ACCESS_CODE, startServer } from '../../frontend/e2e/server.mjs';

const MIN_SCORE = 95;
const GATED = ['best-practices', 'accessibility'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const DOCS = new URL('../../docs/frontend.md', import.meta.url);
const MARKERS = ['<!-- lighthouse:start -->', '<!-- lighthouse:end -->'];

const server = await startServer();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'],
});

async function call(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${server.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** A jam in full swing (three songs, one playing, an attendee who voted, a stage link) and one that ended. */
async function seed() {
  const login = await call('POST', '/auth/login', { accessCode: ACCESS_CODE });
  const host = { token: login.token, expiresAt: login.expiresAt };
  const jam = await call('POST', '/jams', { name: 'Lighthouse Night', startsAt: new Date().toISOString() }, host.token);
  await call('POST', `/jams/${jam.id}/start`, undefined, host.token);
  const songs = [];
  for (const [title, artist] of [['Superstition', 'Stevie Wonder'], ['Wonderwall', 'Oasis'], ['Hey Jude', 'The Beatles']]) {
    songs.push(await call('POST', `/jams/${jam.id}/queue`, { title, artist }, host.token));
  }
  await call('POST', `/jams/${jam.id}/now-playing`, { itemId: songs[0].id }, host.token);
  const joined = await call('POST', `/jams/${jam.joinCode}/attendees`, { name: 'Ana', instruments: ['guitar'] });
  await call('POST', `/jams/${jam.id}/queue/${songs[1].id}/vote`, undefined, joined.token);
  const stage = await call('POST', `/jams/${jam.id}/stage-link`, undefined, host.token);
  // Last week's night, over: its recap.
  const ended = await call('POST', '/jams', { name: 'Last Week', startsAt: new Date().toISOString() }, host.token);
  await call('POST', `/jams/${ended.id}/start`, undefined, host.token);
  const played = await call('POST', `/jams/${ended.id}/queue`, { title: 'Superstition', artist: 'Stevie Wonder' }, host.token);
  await call('POST', `/jams/${ended.id}/now-playing`, { itemId: played.id }, host.token);
  await call('POST', `/jams/${ended.id}/end`, undefined, host.token);
  return { host, jam, ended, attendee: { token: joined.token, attendee: joined.attendee }, stageUrl: stage.url };
}

const night = await seed();
const stagePath = new URL(night.stageUrl).pathname + new URL(night.stageUrl).hash;
const asHost = { 'jm.host': night.host };
const asAttendee = { [`jm.attendee.${night.jam.id}`]: night.attendee };
const pages = [
  { name: 'home', path: '/', formFactor: 'mobile' },
  { name: 'join', path: `/j/${night.jam.joinCode}`, formFactor: 'mobile' },
  { name: 'attendee (jam)', path: `/jams/${night.jam.slug}`, formFactor: 'mobile', session: asAttendee },
  { name: 'stage', path: stagePath, formFactor: 'desktop' },
  { name: 'host console', path: `/jams/${night.jam.slug}/host`, formFactor: 'desktop', session: asHost },
  { name: 'song library', path: '/songs', formFactor: 'desktop', session: asHost },
  { name: 'admin', path: '/admin', formFactor: 'desktop', session: asHost },
  { name: 'recap', path: `/jams/${night.ended.slug}/recap`, formFactor: 'mobile' },
  { name: 'API docs', path: '/docs', formFactor: 'desktop' },
];

/**
 * Runs Lighthouse on one page in a new tab that already holds the page's session (sessionStorage is per
 * tab). Not an incognito context: Chromium never calls a page installable there.
 */
async function audit({ path, formFactor, session = {} }) {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.baseUrl}/robots.txt`);
    await page.evaluate((entries) => entries.forEach(([key, value]) => sessionStorage.setItem(key, JSON.stringify(value))), Object.entries(session));
    const flags = { output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, disableStorageReset: true };
    const result = await lighthouse(`${server.baseUrl}${path}`, flags, formFactor === 'desktop' ? desktopConfig : undefined, page);
    // Lighthouse 12 dropped its PWA category; Chromium itself says whether the page can be installed.
    // A live page never goes network-idle (its socket pings): wait for load and the service worker.
    await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'load' });
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((resolve) => setTimeout(resolve, 5000))]));
    const cdp = await page.createCDPSession();
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    return { lhr: result.lhr, installable: installabilityErrors.map((e) => e.errorId) };
  } finally {
    await page.close();
  }
}

const rows = [];
const failures = [];
let version = '';
try {
  for (const page of pages) {
    const { lhr, installable } = await audit(page);
    if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.message}`);
    version = lhr.lighthouseVersion;
    const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(lhr.categories[id].score * 100)]));
    rows.push({ ...page, scores, installable: installable.length ? `no (${installable.join(', ')})` : 'yes' });
    // Every page of the app can be installed; the API reference is no page of it.
    if (page.path !== '/docs' && installable.length) failures.push(`${page.name}: not installable: ${installable.join(', ')}`);
    // The API reference is Swagger UI's own markup: held to best practices, its accessibility only reported.
    const gated = page.path === '/docs' ? ['best-practices'] : GATED;
    for (const id of gated.filter((category) => scores[category] < MIN_SCORE)) {
      const lost = lhr.categories[id].auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => `${ref.id} (${lhr.audits[ref.id].title})`);
      failures.push(`${page.name}: ${id} ${scores[id]} < ${MIN_SCORE}; failing audits: ${lost.join(', ')}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

const table = [
  '| Page | Form factor | Performance | Accessibility | Best practices | SEO | Installable |',
  '|---|---|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.name} | ${r.formFactor} | ${CATEGORIES.map((id) => r.scores[id]).join(' | ')} | ${r.installable} |`),
].join('\n');
console.log(table);

if (process.argv.includes('--write-docs')) {
  const docs = readFileSync(DOCS, 'utf8');
  const [start, end] = MARKERS.map((marker) => docs.indexOf(marker));
  if (start < 0 || end < start) throw new Error(`docs/frontend.md lacks the ${MARKERS.join(' … ')} markers`);
  const measured = `Measured ${new Date().toISOString().slice(0, 10)} with Lighthouse ${version} (simulated throttling, one run per page, 2-core machine):`;
  writeFileSync(DOCS, `${docs.slice(0, start + MARKERS[0].length)}\n${measured}\n\n${table}\n${docs.slice(end)}`);
}

if (failures.length) {
  console.error(`\nLighthouse: under ${MIN_SCORE}:\n${failures.join('\n')}`);
  process.exit(1);
}
