// The API reference in a real Chromium against the real server: /docs renders every operation of the
// contract under the server's own CSP (no violation, no console error) and "Try it out" runs a request
// against this server. Run with `npm run e2e` (see server.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DESKTOP, serverAndBrowser, shoot } from './harness.mjs';

const e2e = serverAndBrowser();


test('/docs lists every operation under the CSP and tries one out against this server', async () => {
  // No bypassCSP: the page must work under exactly the policy the server sends.
  const context = await e2e.browser.newContext({ viewport: DESKTOP, baseURL: e2e.server.baseUrl });
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT_MS ?? 10000));
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));

  const docs = await page.goto('/docs', { waitUntil: 'commit' });
  assert.match(docs.headers()['content-security-policy'], /script-src 'self';/);
  const yaml = await (await page.request.get('/api/v1/openapi.yaml')).text();
  const operations = yaml.match(/^ {4}(get|post|put|patch|delete):/gm).length;
  // 1.5 MB of script to parse before the first block: slow on a busy CI machine.
  await page.locator('.opblock').first().waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('.opblock').count(), operations, 'one block per operation of the contract');

  const search = page.locator('#operations-songs-searchSongs');
  await search.locator('.opblock-summary-control').click();
  await search.getByRole('button', { name: 'Try it out' }).click();
  await search.locator('input[placeholder="q"]').fill('wonder');
  await search.getByRole('button', { name: 'Execute' }).click();
  const status = search.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor();
  assert.equal((await status.textContent()).trim(), '200');
  assert.match(await search.locator('.request-url pre').textContent(), new RegExp(`^${e2e.server.baseUrl}/api/v1/songs\\?q=wonder$`));
  await shoot(page, 'docs-try-it-out', search);

  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no Content-Security-Policy violation');
  assert.deepEqual(errors, [], 'no error in the console');
  await context.close();
});
