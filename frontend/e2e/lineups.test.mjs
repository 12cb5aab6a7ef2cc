// Fair line-ups and "you're up" in a real Chromium against the real server: two phones want the one bass
// slot, the host confirms by fairness, the performer's phone says they are up, the TV shows the next band.
// Run with `npm run e2e` (see server.mjs for which server it starts).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DESKTOP, SHOTS, TV, apiCall, serverAndBrowser } from './harness.mjs';
import { ACCESS_CODE } from './server.mjs';

const PHONE = { width: 390, height: 844 };
const SONG = 'Superstition';

const e2e = serverAndBrowser();
const pageErrors = [];
const state = {};


async function device(viewport) {
  const context = await e2e.browser.newContext({ viewport, baseURL: e2e.server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  // Records what the page asks the phone to do: navigator.vibrate is real only on phones.
  await context.addInitScript(() => {
    window.__vibrations = [];
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (pattern) => (window.__vibrations.push(pattern), true) });
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.dismiss());
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return { context, page };
}

const call = (method, path, body, token = state.hostToken) => apiCall(e2e.server.baseUrl, method, path, body, token);

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `lineup-${name}.png`), fullPage: true });
const item = (page, title) => page.getByTestId('queue-item').filter({ has: page.locator('.title', { hasText: title }) });
const myPlace = (page) => item(page, SONG).getByTestId('my-place');

async function joinAs(name, instruments) {
  const { context, page } = await device(PHONE);
  await page.goto(`/j/${state.jam.joinCode}`);
  await page.getByLabel('Your name').fill(name);
  for (const instrument of instruments) await page.getByRole('button', { name: instrument, exact: true }).click();
  await page.getByRole('button', { name: 'Join the jam' }).click();
  await page.waitForURL(new RegExp(`/jams/${state.jam.slug}$`));
  await page.locator('.conn.live-on').waitFor();
  return { context, page };
}

test('a jam where Ana has already played a song tonight', async () => {
  state.hostToken = (await call('POST', '/auth/login', { accessCode: ACCESS_CODE }, null)).token;
  state.jam = await call('POST', '/jams', { name: 'Lineup Night', startsAt: new Date().toISOString() });
  await call('POST', `/jams/${state.jam.id}/start`);
  const warmUp = await call('POST', `/jams/${state.jam.id}/queue`, { title: 'Warm-up', artist: 'House band' });

  state.ana = await joinAs('Ana', ['bass', 'guitar']);
  state.ben = await joinAs('Ben', ['bass']);
  const warm = item(state.ana.page, 'Warm-up');
  await warm.getByLabel('Instrument for Warm-up').selectOption('guitar');
  await warm.getByRole('button', { name: "I'll play" }).click();
  await warm.getByTestId('my-place').filter({ hasText: "You're in: guitar" }).waitFor();
  await call('POST', `/jams/${state.jam.id}/now-playing`, { itemId: warmUp.id });
  await call('POST', `/jams/${state.jam.id}/next`);
  await state.ana.page.getByRole('heading', { name: 'Played tonight' }).waitFor();

  const { context, page } = await device(DESKTOP);
  state.host = { context, page };
  await page.goto(`/jams/${state.jam.slug}/host`);
  await page.getByLabel('Access code').fill(ACCESS_CODE);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Lineup Night' }).waitFor();
  assert.equal(await page.getByLabel("Prefer people who haven't played yet").isChecked(), true, 'on by default');
});

test('a song whose bass slot nobody has taken is offered to both bass players, live', async () => {
  await call('POST', `/jams/${state.jam.id}/queue`, { title: 'Opener', artist: 'House band' });
  state.song = await call('POST', `/jams/${state.jam.id}/queue`, { title: SONG, artist: 'Stevie Wonder' });
  await call('PATCH', `/jams/${state.jam.id}/queue/${state.song.id}`, { openSlots: ['bass'] });
  for (const phone of [state.ana, state.ben]) {
    await phone.page.getByTestId('wanted').getByText(`${SONG} needs a bass player`).waitFor({ timeout: 5000 });
  }
  await shot(state.ben.page, 'wanted-phone');
});

test('both take the last slot at once: exactly one gets it, the other is on the bench', async () => {
  const take = (phone) => phone.page.getByRole('button', { name: `I'll play bass on ${SONG}` });
  await Promise.all([take(state.ana).waitFor(), take(state.ben).waitFor()]);
  // Both taps at once. A click's actionability checks can take long enough on a loaded machine for the
  // other phone's take to arrive first and remove this phone's button (the slot is no longer open).
  await Promise.all([take(state.ana).dispatchEvent('click'), take(state.ben).dispatchEvent('click')]);
  let volunteers = [];
  for (let i = 0; i < 50 && volunteers.length < 2; i++) {
    await new Promise((r) => setTimeout(r, 100));
    volunteers = (await call('GET', `/jams/${state.jam.id}/queue/${state.song.id}/lineup`)).volunteers;
  }
  assert.deepEqual(volunteers.map((v) => v.state).sort(), ['bench', 'in']);
  const words = { in: "You're in: bass", bench: "You're on the bench for this one" };
  for (const v of volunteers) {
    await myPlace(state[v.name.toLowerCase()].page).filter({ hasText: words[v.state] }).waitFor({ timeout: 5000 });
  }
});

test('the host sees the volunteers by who has played least and confirms in one tap', async () => {
  const { page } = state.host;
  const bass = page.getByRole('list', { name: `bass for ${SONG}` });
  await bass.getByTestId('volunteer').nth(1).waitFor();
  const order = await bass.getByTestId('volunteer').allTextContents();
  assert.match(order[0], /^Ben · played 0/);
  assert.match(order[1], /^Ana · played 1/);
  await shot(page, 'host-fair-order');
  await page.getByRole('button', { name: `Confirm the line-up of ${SONG}` }).click();
  await item(page, SONG).getByText('line-up confirmed').waitFor();

  await myPlace(state.ben.page).filter({ hasText: "You're in: bass" }).waitFor({ timeout: 5000 });
  await myPlace(state.ana.page).filter({ hasText: "You're on the bench for this one" }).waitFor({ timeout: 5000 });
  await shot(state.ben.page, 'in-phone');
  await shot(state.ana.page, 'bench-phone');
});

test('when the song becomes next, Ben’s phone says he is up and buzzes; the TV shows the next line-up', async () => {
  const ben = state.ben.page;
  assert.equal(await ben.getByTestId('youre-up').count(), 0, 'not yet: another song is first');
  await item(state.host.page, 'Opener').getByRole('button', { name: /^Play now/ }).click();

  const banner = ben.getByTestId('youre-up');
  await banner.filter({ hasText: "You're up next" }).waitFor({ timeout: 5000 });
  assert.match(await banner.textContent(), new RegExp(`${SONG}.*you play bass`));
  await ben.waitForFunction(() => window.__vibrations.length === 1);
  assert.equal(await state.ana.page.getByTestId('youre-up').count(), 0, 'the bench is not up');
  await shot(ben, 'youre-up-phone');

  const { context, page } = await device(TV);
  state.stage = { context, page };
  const link = await call('POST', `/jams/${state.jam.id}/stage-link`);
  await page.goto(link.url.replace(/^https?:\/\/[^/]+/, ''));
  await page.getByTestId('stage-next-lineup').filter({ hasText: `Next: ${SONG} — Ben (bass)` }).waitFor();
  await page.getByTestId('stage-title').filter({ hasText: 'Opener' }).waitFor();
  await shot(page, 'stage-tv');
});

test('the host skips Ben, who is not there, in one tap: the slot goes to Ana, who is now up', async () => {
  await state.host.page.getByRole('button', { name: `Skip Ben (bass) on ${SONG}: not here` }).click();
  await myPlace(state.ana.page).filter({ hasText: "You're in: bass" }).waitFor({ timeout: 5000 });
  await state.ana.page.getByTestId('youre-up').filter({ hasText: "You're up next" }).waitFor();
  await state.stage.page.getByTestId('stage-next-lineup').filter({ hasText: `Next: ${SONG} — Ana (bass)` }).waitFor({ timeout: 5000 });
  assert.equal(await state.ben.page.getByTestId('youre-up').count(), 0);
  await shot(state.ana.page, 'promoted-phone');
});

test('when the song starts, Ana’s phone says so and buzzes again', async () => {
  const ana = state.ana.page;
  const before = await ana.evaluate(() => window.__vibrations.length);
  await state.host.page.getByRole('button', { name: 'Done, next song' }).click();
  await ana.getByTestId('youre-up').filter({ hasText: "You're on now" }).waitFor({ timeout: 5000 });
  await ana.waitForFunction((n) => window.__vibrations.length === n + 1, before);
  await state.stage.page.getByTestId('stage-title').filter({ hasText: SONG }).waitFor();
  await shot(ana, 'on-now-phone');
});

test('no page threw', () => {
  assert.deepEqual(pageErrors, []);
});
