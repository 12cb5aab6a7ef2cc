// The app in Spanish in a real Chromium against the real server: a phone whose browser prefers Spanish joins
// and suggests (texts, plurals, a date the Spanish way), switches to English in the header and back.
// Run with `npm run e2e` (see server.mjs for which server it starts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PHONE, apiCall, axe, serverAndBrowser, shoot } from './harness.mjs';
import { ACCESS_CODE } from './server.mjs';

const STARTS_AT = '2030-05-03T18:30:00Z';
const TIME_ZONE = 'Europe/Madrid';

const e2e = serverAndBrowser();
const pageErrors = [];
const state = {};


const call = (method, path, body, token = state.hostToken) => apiCall(e2e.server.baseUrl, method, path, body, token);

test('a jam with two suggestions per person and one song queued', async () => {
  state.hostToken = (await call('POST', '/auth/login', { accessCode: ACCESS_CODE }, null)).token;
  state.jam = await call('POST', '/jams', { name: 'Noche de blues', startsAt: STARTS_AT, maxSuggestionsPerAttendee: 2 });
  await call('POST', `/jams/${state.jam.id}/start`);
  await call('POST', `/jams/${state.jam.id}/queue`, { title: 'Pride and Joy', artist: 'Stevie Ray Vaughan' });
});

test('a phone set to Spanish opens the join page in Spanish, with the date the Spanish way', async () => {
  const context = await e2e.browser.newContext({
    viewport: PHONE,
    bypassCSP: true,
    baseURL: e2e.server.baseUrl,
    locale: 'es-ES',
    timezoneId: TIME_ZONE,
  });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  state.page = page;

  await page.goto(`/j/${state.jam.joinCode}`);
  await page.getByRole('heading', { name: 'Únete a Noche de blues' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  const when = new Intl.DateTimeFormat('es-ES', {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE,
  }).format(new Date(STARTS_AT));
  assert.match(when, /^vie, 3 may, 20:30$/);
  await page.getByText(when, { exact: true }).waitFor();
  await page.getByText('¿Qué tocas? (opcional)').waitFor();
  await page.getByRole('button', { name: 'bajo', exact: true }).waitFor();
  await shoot(page, 'i18n-01-join');
  await axe(page, 'join page in Spanish');

  await page.getByLabel('Tu nombre').fill('Lucía');
  await page.getByRole('button', { name: 'bajo', exact: true }).click();
  await page.getByRole('button', { name: 'Unirme a la jam' }).click();
  await page.waitForURL(new RegExp(`/jams/${state.jam.slug}$`));
  await page.locator('.conn.live-on', { hasText: 'En directo' }).waitFor();
});

test('the jam page says it in Spanish, plurals included', async () => {
  const { page } = state;
  const left = page.getByTestId('suggestions-left');
  assert.equal(await left.textContent(), 'Te quedan 2 sugerencias');
  await page.getByText('1 persona aquí').waitFor();
  await page.getByRole('heading', { name: 'A continuación (1)' }).waitFor();
  await page.getByText('Suena ahora').waitFor();
  await page.getByTestId('me').filter({ hasText: 'Eres Lucía (bajo)' }).waitFor();

  await page.getByLabel('Título').fill('Texas Flood');
  await page.getByLabel('Artista').fill('Stevie Ray Vaughan');
  await page.getByRole('button', { name: 'Añadir a la cola' }).click();
  await page.getByText('«Texas Flood» añadida a la cola').waitFor();
  await left.filter({ hasText: 'Te queda 1 sugerencia' }).waitFor();
  await page.getByRole('heading', { name: 'A continuación (2)' }).waitFor();
  await page.getByRole('button', { name: 'votar por Pride and Joy' }).click();
  await page.getByRole('button', { name: 'votada por Pride and Joy' }).waitFor();
  await shoot(page, 'i18n-02-jam');
  await axe(page, 'jam page in Spanish');
});

test('the header switches to English, remembered across a reload, and back to Spanish', async () => {
  const { page } = state;
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByTestId('suggestions-left').filter({ hasText: '1 suggestion left' }).waitFor();
  await page.getByRole('heading', { name: 'Up next (2)' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await page.getByRole('heading', { name: 'Up next (2)' }).waitFor();
  await page.getByText('1 person here').waitFor();
  await shoot(page, 'i18n-03-english');
  await axe(page, 'jam page switched to English');

  await page.getByLabel('Language').selectOption('es');
  await page.getByTestId('suggestions-left').filter({ hasText: 'Te queda 1 sugerencia' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.deepEqual(pageErrors, []);
});
