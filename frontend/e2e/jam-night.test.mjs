// One jam night in a real Chromium against the real server: host, two attendees, the stage screen.
// Run with `npm run e2e` (see server.mjs for which server it starts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DESKTOP, PHONE, axe, serverAndBrowser, shoot } from './harness.mjs';
import { ACCESS_CODE } from './server.mjs';

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const SONG = 'Wonderwall';
const CHORDS = `[Verse 1]
Em7          G
Today is gonna be the day
Dsus4             A7sus4
That they're gonna throw it back to you`;

const e2e = serverAndBrowser();
const run = { dialogs: [], pageErrors: [] };


/** A browser context is one device: its own sessionStorage, cookies and tabs. */
async function device(viewport = PHONE) {
  // bypassCSP only so axe-core can be injected; the app itself runs under the server's CSP in every other way.
  const context = await e2e.browser.newContext({ viewport, bypassCSP: true, baseURL: e2e.server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  // Lets a test cut this device's live connection, as a phone losing Wi-Fi does, and counts `unload`
  // listeners (they keep a page out of the back/forward cache).
  await context.addInitScript(() => {
    window.__unloadListeners = 0;
    const addListener = window.addEventListener;
    window.addEventListener = function (type, ...rest) {
      if (type === 'unload') window.__unloadListeners++;
      return addListener.call(this, type, ...rest);
    };
    const Native = window.WebSocket;
    window.__sockets = [];
    window.WebSocket = class extends Native {
      constructor(url, protocols) {
        super(window.__offline ? 'ws://127.0.0.1:9/' : url, protocols);
        window.__sockets.push(this);
      }
    };
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  const page = await context.newPage();
  watch(page);
  return { context, page };
}

function watch(page) {
  page.on('dialog', (dialog) => {
    run.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => run.pageErrors.push(String(error)));
}

const state = {};

/** The suggestion form's fields and buttons that a toast's box overlaps, as `tag name` labels (in the page). */
function coveredControls() {
  const form = [...document.querySelectorAll('form')].find((f) => f.textContent.includes('Add to the queue'));
  const toasts = [...document.querySelectorAll('.toast')].map((t) => t.getBoundingClientRect());
  const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return [...form.querySelectorAll('input, textarea, select, button, summary')]
    .filter((control) => control.getClientRects().length > 0)
    .filter((control) => toasts.some((toast) => overlaps(toast, control.getBoundingClientRect())))
    .map((control) => `${control.tagName.toLowerCase()} ${control.getAttribute('aria-label') ?? control.name ?? control.textContent.trim()}`);
}

test('the host logs in and creates a jam', async () => {
  const { context, page } = await device(DESKTOP);
  state.host = { context, page };
  await page.goto('/');
  await page.getByRole('heading', { name: /today's and upcoming jams/i }).waitFor();
  await shoot(page, '01-home');
  await axe(page, 'home');
  await page.getByLabel('Access code').fill(ACCESS_CODE);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Create a jam' }).waitFor();
  await page.getByLabel('Name').fill('Friday Blues Jam');
  await page.getByRole('button', { name: 'Create jam' }).click();
  await page.waitForURL(/\/jams\/[^/]+\/host$/);
  state.slug = page.url().match(/\/jams\/([^/]+)\/host$/)[1];
  await page.getByRole('heading', { name: 'Friday Blues Jam' }).waitFor();
  const start = page.getByRole('button', { name: 'Start the jam' });
  if (await start.isVisible()) await start.click();
  await page.locator('.status.live').first().waitFor();
});

test('the host opens the share dialog with the QR code and the stage link', async () => {
  const { page } = state.host;
  await page.getByRole('button', { name: 'Share / QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share the jam' });
  await dialog.waitFor();
  const qr = dialog.getByRole('img', { name: /QR code/ });
  await qr.waitFor();
  await qr.evaluate((img) => img.complete || new Promise((resolve) => img.addEventListener('load', resolve, { once: true })));
  assert.ok(await qr.evaluate((img) => img.naturalWidth > 0), 'the QR code image loads');
  state.joinCode = (await dialog.getByTestId('join-code').textContent()).trim();
  state.stageUrl = await dialog.getByTestId('stage-link').getAttribute('href');
  assert.match(state.stageUrl, /\/stage#token=/);
  await shoot(page, '02-host-share');
  await axe(page, 'share dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

/** `network` prepares the new device's network before its first page, e.g. a proxy that refuses WebSockets. */
async function joinAs(name, instruments, network) {
  const { context, page } = await device(PHONE);
  await network?.(context);
  await page.goto(`/j/${state.joinCode}`);
  await page.getByRole('heading', { name: /Join Friday Blues Jam/ }).waitFor();
  await page.getByLabel('Your name').fill(name);
  for (const instrument of instruments) await page.getByRole('button', { name: instrument, exact: true }).click();
  if (name === 'Ana') {
    await shoot(page, '03-join');
    await axe(page, 'join');
  }
  await page.getByRole('button', { name: 'Join the jam' }).click();
  await page.waitForURL(new RegExp(`/jams/${state.slug}$`));
  await page.getByTestId('me').filter({ hasText: name }).waitFor();
  await page.locator('.conn.live-on').waitFor();
  return { context, page };
}

test('two attendees join through the join link, each in their own browser', async () => {
  state.ana = await joinAs('Ana', ['guitar', 'vocals']);
  state.ben = await joinAs('Ben', ['bass']);
});

test('one suggests a song and the other sees it appear live', async () => {
  const { page } = state.ana;
  await page.getByRole('textbox', { name: 'Title' }).fill(SONG);
  await page.getByRole('textbox', { name: 'Artist' }).fill('Oasis');
  await page.getByText('Add a chord-sheet link or chords').click();
  await page.getByLabel('Chords (chords over lyrics, or ChordPro)').fill(CHORDS);
  await page.getByRole('button', { name: 'Add to the queue' }).click();
  await page.getByTestId('queue-item').filter({ hasText: SONG }).waitFor();
  await page.getByTestId('suggestions-left').filter({ hasText: '2 suggestions left' }).waitFor();
  await page.locator('.toast').filter({ hasText: `Added “${SONG}”` }).waitFor();
  assert.deepEqual(await page.evaluate(coveredControls), [], 'the toast covers none of the form on a phone');

  await state.ben.page.getByTestId('queue-item').filter({ hasText: SONG }).waitFor({ timeout: 5000 });
});

test('the other votes and the first sees the count change within a second, without reloading', async () => {
  const mine = state.ana.page.getByTestId('queue-item').filter({ hasText: SONG }).getByTestId('votes');
  assert.equal((await mine.textContent()).trim(), '0');
  const navigations = [];
  state.ana.page.on('framenavigated', (frame) => frame === state.ana.page.mainFrame() && navigations.push(frame.url()));

  const vote = state.ben.page.getByTestId('queue-item').filter({ hasText: SONG }).getByTestId('vote');
  await vote.click();
  const clicked = Date.now();
  await assert.doesNotReject(
    state.ana.page.waitForFunction(
      (title) => [...document.querySelectorAll('[data-testid=queue-item]')].some((el) => el.textContent.includes(title) && el.querySelector('[data-testid=votes]').textContent.trim() === '1'),
      SONG,
      { timeout: 1000 },
    ),
  );
  assert.ok(Date.now() - clicked <= 1000);
  assert.deepEqual(navigations, [], 'no reload');
  assert.equal(await vote.getAttribute('aria-pressed'), 'true');
});

test('the official bridge client runs 30 s of pings and events without a console warning or error', async () => {
  const { page } = state.ana;
  const logged = [];
  const spy = (message) => ['warning', 'error'].includes(message.type()) && logged.push(`${message.type()}: ${message.text()}`);
  page.on('console', spy);
  const votes = page.getByTestId('queue-item').filter({ hasText: SONG }).getByTestId('votes');
  const vote = state.ben.page.getByTestId('queue-item').filter({ hasText: SONG }).getByTestId('vote');
  // Three of the client's pings (every 10 s) and two events delivered as objects: an unvote and a vote.
  await page.waitForTimeout(10_000);
  await vote.click();
  await votes.filter({ hasText: '0' }).waitFor({ timeout: 5000 });
  await page.waitForTimeout(10_000);
  await vote.click();
  await votes.filter({ hasText: '1' }).waitFor({ timeout: 5000 });
  await page.waitForTimeout(10_500);
  page.off('console', spy);
  assert.deepEqual(logged, []);
  assert.equal(await page.locator('.conn.live-on').count(), 1, 'still live');
});

test("phones reach the bridge over the browser's own WebSocket and register no unload listener", async () => {
  for (const { page } of [state.ana, state.ben]) {
    const paths = await page.evaluate(() => window.__sockets.map((socket) => new URL(socket.url).pathname));
    assert.ok(paths.length > 0 && paths.every((path) => path === '/eventbus/websocket'), paths.join());
    assert.equal(await page.evaluate(() => window.__unloadListeners), 0);
  }
});

test('behind a proxy that refuses WebSockets, SockJS carries the stream and votes still arrive live', async () => {
  const carol = await joinAs('Carol', ['drums'], (context) => context.routeWebSocket(/\/websocket$/, (ws) => ws.close()));
  const votes = (page) => page.getByTestId('queue-item').filter({ hasText: SONG }).getByTestId('votes');
  const vote = (page) => page.getByTestId('queue-item').filter({ hasText: SONG }).getByTestId('vote');
  assert.ok((await carol.page.evaluate(() => window.__unloadListeners)) > 0, 'sockjs-client was loaded');
  await votes(carol.page).filter({ hasText: '1' }).waitFor();
  await vote(state.ben.page).click();
  await votes(carol.page).filter({ hasText: '0' }).waitFor({ timeout: 5000 });
  await vote(state.ben.page).click();
  await votes(carol.page).filter({ hasText: '1' }).waitFor({ timeout: 5000 });
  await carol.context.close();
});

test('a suggestion titled with markup renders as text', async () => {
  const { page } = state.ana;
  await page.getByRole('textbox', { name: 'Title' }).fill(XSS_TITLE);
  await page.getByRole('textbox', { name: 'Artist' }).fill('Mallory');
  await page.getByRole('button', { name: 'Add to the queue' }).click();
  for (const p of [page, state.ben.page, state.host.page]) {
    const title = p.locator('.queue-item .title').filter({ hasText: XSS_TITLE });
    await title.waitFor();
    assert.equal((await title.textContent()).trim(), XSS_TITLE);
    assert.equal(await p.locator('img[src="x"]').count(), 0);
  }
  assert.deepEqual(run.dialogs, [], 'no script ran');
});

test('an attendee signs up on guitar', async () => {
  const item = state.ana.page.getByTestId('queue-item').filter({ hasText: SONG });
  await item.getByLabel(`Instrument for ${SONG}`).selectOption('guitar');
  await item.getByRole('button', { name: "I'll play" }).click();
  await item.getByText('Ana · guitar').waitFor();
  await state.ben.page.getByTestId('queue-item').filter({ hasText: SONG }).getByText('Ana · guitar').waitFor();
  await shoot(state.ana.page, '04-attendee-queue');
  await axe(state.ana.page, 'attendee view');
});

test('the host moves a song up and the queue re-orders on the phones', async () => {
  const titles = (p) => p.locator('[data-testid=queue-item] .title').allTextContents();
  await state.ben.page.waitForFunction((t) => document.querySelector('[data-testid=queue-item] .title')?.textContent === t, SONG);
  await state.host.page.getByRole('button', { name: `Move ${XSS_TITLE} up` }).click();
  await state.ben.page.waitForFunction((t) => document.querySelector('[data-testid=queue-item] .title')?.textContent === t, XSS_TITLE, { timeout: 3000 });
  // Each phone applies the moves from its own live stream: wait for Ana's too, then check the order.
  await state.ana.page.waitForFunction((t) => document.querySelector('[data-testid=queue-item] .title')?.textContent === t, XSS_TITLE, { timeout: 3000 });
  assert.deepEqual(await titles(state.ana.page).then((t) => t.slice(0, 2)), [XSS_TITLE, SONG]);
  await state.host.page.locator('.queue-item').filter({ hasText: XSS_TITLE }).getByText('pinned').waitFor();
});

test('the host sets now playing and everyone sees it', async () => {
  const { page } = state.host;
  await page.locator(".queue-item").filter({ hasText: SONG }).getByRole("button", { name: /^Play now/ }).click();
  await page.getByTestId('now-playing-title').filter({ hasText: SONG }).waitFor();
  await state.ben.page.getByTestId('now-playing-title').filter({ hasText: SONG }).waitFor();
  await shoot(page, '05-host-console');
  await axe(page, 'host console');
});

test('the stage screen shows now playing with its chord sheet and follows the band key', async () => {
  const { context, page } = await device(DESKTOP);
  state.stage = { context, page };
  await page.goto(state.stageUrl);
  await page.getByTestId('stage-title').filter({ hasText: SONG }).waitFor();
  const sheet = page.getByTestId('chord-sheet');
  await sheet.waitFor();
  const chords = () => sheet.locator('.chord').allTextContents().then((all) => all.flatMap((c) => c.trim().split(/\s+/)).filter(Boolean));
  assert.deepEqual(await chords(), ['Em7', 'G', 'Dsus4', 'A7sus4']);
  await page.getByText('Ana (guitar)').waitFor();
  await shoot(page, '06-stage');
  await axe(page, 'stage');

  // The host moves the band to A (from G): the stage follows without input.
  await state.host.page.getByLabel('Band key').selectOption('A');
  await page.waitForFunction(() => document.querySelector('[data-testid=chord-sheet] .chord')?.textContent.trim().split(/\s+/)[0] === 'F#m7', null, { timeout: 5000 });
  assert.deepEqual(await chords(), ['F#m7', 'A', 'Esus4', 'B7sus4']);
});

test('transpose changes the chords in an attendee chord sheet', async () => {
  const { page } = state.ben;
  await page.getByRole('button', { name: 'Chords', exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  const sheet = dialog.getByTestId('chord-sheet');
  await sheet.waitFor();
  const first = () => sheet.locator('.chord').first().textContent().then((t) => t.trim().split(/\s+/)[0]);
  const before = await first();
  await dialog.getByRole('button', { name: 'Transpose up a semitone' }).click();
  await dialog.getByTestId('transpose-value').filter({ hasText: '+1' }).waitFor();
  const afterUp = await first();
  assert.notEqual(afterUp, before);
  assert.equal(afterUp, { 'F#m7': 'Gm7', Em7: 'Fm7' }[before]);
  await shoot(page, '07-chord-sheet');
  await axe(page, 'chord sheet');
  await dialog.getByRole('button', { name: 'Close' }).click();
});

// A 2×2 PNG, enough for the server to take it as an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4utMJiBggFAA5GgfBt53waQAAAABJRU5ErkJggg==',
  'base64',
);

test('the host uploads a poster, moves on to the next song and exports the setlist', async () => {
  const { page } = state.host;
  await page.getByLabel('Image (JPEG, PNG, WebP or GIF)').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('img', { name: 'Preview of the new poster' }).waitFor();
  await page.getByRole('button', { name: 'Upload poster' }).click();
  await page.getByRole('img', { name: 'Current poster' }).waitFor();
  await state.ben.page.locator('img.poster').waitFor({ timeout: 5000 });

  await page.getByRole('button', { name: 'Done, next song' }).click();
  await state.ana.page.getByTestId('now-playing-title').filter({ hasText: XSS_TITLE }).waitFor();
  await state.ana.page.getByRole('heading', { name: 'Played tonight' }).waitFor();
  await state.stage.page.getByTestId('stage-title').filter({ hasText: XSS_TITLE }).waitFor();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Setlist (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  assert.match(csv, new RegExp(SONG));
});

test('a reload keeps the identity', async () => {
  const { page } = state.ana;
  await page.reload();
  await page.getByTestId('me').filter({ hasText: 'Ana' }).waitFor();
  assert.equal(await page.getByTestId('suggestions-left').textContent(), '1 suggestion left');
});

test('a second tab is a new person', async () => {
  const tab = await state.ana.context.newPage();
  watch(tab);
  await tab.goto(`/j/${state.joinCode}`);
  await tab.getByLabel('Your name').waitFor();
  await tab.goto(`/jams/${state.slug}`);
  await tab.getByText('You are watching.').waitFor();
  assert.equal(await tab.getByTestId('me').count(), 0);
  await tab.close();
});

test('the host adds a song to the library and an attendee suggests it while typing', async () => {
  const { page } = state.host;
  await page.goto('/songs');
  await page.getByRole('heading', { name: 'Song library' }).waitFor();
  await page.getByRole('button', { name: 'Add a song' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a song' });
  await dialog.getByLabel('Title').fill('Hey Jude');
  await dialog.getByLabel('Artist').fill('The Beatles');
  await dialog.getByLabel('Key').selectOption('F');
  await dialog.getByLabel('Chords (chords over lyrics, or ChordPro)').fill('F          C\nHey Jude, don\'t make it bad');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Hey Jude').first().waitFor();
  await page.getByLabel('Search by title or artist').fill('beatles');
  await page.locator('.jam-list li').filter({ hasText: 'Hey Jude' }).waitFor();
  await shoot(page, '08-songs');
  await axe(page, 'songs');

  const ben = state.ben.page;
  await ben.getByRole('textbox', { name: 'Title' }).fill('Hey J');
  await ben.getByRole('button', { name: 'Hey Jude — The Beatles' }).first().click();
  await ben.getByText('From the library:').waitFor();
  await ben.getByRole('button', { name: 'Add to the queue' }).click();
  await state.ana.page.getByTestId('queue-item').filter({ hasText: 'Hey Jude' }).waitFor();
});

test('a phone that lost its connection catches up on what it missed', async () => {
  const ben = state.ben.page;
  const votes = (p) => p.getByTestId('queue-item').filter({ hasText: 'Hey Jude' }).getByTestId('votes');
  await ben.route('**/eventbus/**', (route) => route.abort());
  await ben.evaluate(() => {
    window.__offline = true;
    for (const socket of window.__sockets) socket.close();
  });
  await ben.locator('.conn.live-wait').waitFor();

  await state.ana.page.getByTestId('queue-item').filter({ hasText: 'Hey Jude' }).getByTestId('vote').click();
  await votes(state.ana.page).filter({ hasText: '1' }).waitFor();
  await ben.waitForTimeout(500);
  assert.equal((await votes(ben).textContent()).trim(), '0', 'offline: the vote has not arrived');

  await ben.unroute('**/eventbus/**');
  await ben.evaluate(() => (window.__offline = false));
  await ben.locator('.conn.live-on').waitFor({ timeout: 15000 });
  await votes(ben).filter({ hasText: '1' }).waitFor({ timeout: 5000 });
});

test('the admin screen renders', async () => {
  const { page } = state.host;
  await page.goto('/admin');
  await page.getByRole('heading', { name: 'Feature flags' }).waitFor();
  await shoot(page, '09-admin');
  await axe(page, 'admin');
});

test('no page threw', () => {
  assert.deepEqual(run.pageErrors, []);
});
