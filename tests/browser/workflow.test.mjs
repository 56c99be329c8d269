// A quality engineer's way through a risk file in the real UI: log in, create a product and its
// risk file, analyse a hazard chain, control and verify it, pass the gate check, import a sheet,
// sign the overall residual risk and download the report. The steps share one page and build on
// each other, as a person's session would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, login, newPage, startServer, users } from './harness.mjs';

const HOSTILE = '<script>alert(1)</script>';

describe('risk file workflow', () => {
  let server, browser, page;
  const product = { name: `Corvane Flow ${HOSTILE} infusion set`, id: '' };
  const file = { title: 'Infusion set risk management file', id: '' };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    assert.deepEqual(page?.problems ?? [], []);
  });

  test('log in', async () => {
    await login(page, users.riskManager);
    await assert.doesNotReject(page.getByRole('heading', { level: 1 }).first().waitFor());
    assert.match(await page.locator('.who').innerText(), /risk manager/i);
  });

  test('create a product', async () => {
    await page.goto('/products');
    await page.getByLabel('Name').fill(product.name);
    await page.getByLabel('Family').fill('Infusion sets');
    await page.getByLabel('Model').fill('CF-200');
    await page.getByLabel('Description').fill('Gravity infusion set with a roller clamp.');
    await Promise.all([
      page.waitForURL(/\/products\/[0-9a-f-]+$/),
      page.getByRole('button', { name: 'Create product' }).click(),
    ]);
    product.id = page.url().split('/').pop();
    // The hostile name is shown as text, not run.
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), product.name);
  });
});
