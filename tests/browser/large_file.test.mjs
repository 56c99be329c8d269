// A risk file with 5,000 hazards (imported with the CLI before the browser opens it): the hazards
// tab shows one page of 50 with a pager, moves page by page, and the server answers quickly. The
// time is reported, not asserted (timings belong in the benchmarks, not in pass/fail).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoFile, launchBrowser, login, newPage, riskloop, startServer, users } from './harness.mjs';

const HAZARDS = 5000;

describe('risk file with 5,000 hazards', () => {
  let server, browser, page, fileId;

  before(async () => {
    server = await startServer();
    const { productId } = await demoFile(server);
    const created = await riskloop(server, 'file', 'create', '--product', productId,
      '--title', 'Large file');
    fileId = /id ([0-9a-f-]{36})/.exec(created)[1];
    const rows = ['hazard_ref,hazard,hazard_category,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2'];
    for (let i = 1; i <= HAZARDS; ++i) {
      const n = String(i).padStart(4, '0');
      rows.push(`H-${n},Hazard ${n},${['mechanical', 'biological', 'chemical'][i % 3]},S-${n},` +
        `Situation ${n},0.01,HM-${i % 20},Harm ${i % 20},${1 + (i % 5)},0.1`);
    }
    const sheet = join(server.dir, 'large.csv');
    writeFileSync(sheet, rows.join('\n') + '\n');
    await riskloop(server, 'import', 'hazards', '--file', fileId, '--in', sheet);
    browser = await launchBrowser();
    page = await newPage(browser, server);
    await login(page, users.riskManager);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    assert.deepEqual(page?.problems ?? [], []);
  });

  test('the hazards tab paginates', async () => {
    await page.goto(`/files/${fileId}?tab=hazards`);
    assert.match(await page.locator('.file-head').innerText(), new RegExp(`${HAZARDS} hazards`));
    const pager = page.locator('nav.pager').first();
    assert.match(await pager.innerText(), /1–50 of 5000 \(page 1 of 100\)/);
    assert.equal(await page.locator('#hazard-table tbody tr').count(), 50);
    await pager.getByRole('link', { name: 'Next ›' }).click();
    await page.waitForURL(/page=2/);
    assert.match(await page.locator('nav.pager').first().innerText(), /51–100 of 5000 \(page 2 of 100\)/);
    assert.equal(await page.locator('#hazard-table tbody tr').count(), 50);
  });

  test('the gate check lists every blocking reason, a page at a time', async () => {
    await page.goto(`/files/${fileId}?tab=gates&stage=design`);
    const total = Number(/(\d+) blocking reasons/.exec(await page.locator('#gate-result').innerText())[1]);
    assert.ok(total > HAZARDS, `${total} reasons`);
    const pager = page.locator('nav.pager').first();
    assert.match(await pager.innerText(), new RegExp(`1–100 of ${total}`));
    assert.equal(await page.locator('#gate-reasons li').count(), 100);
    await pager.getByRole('link', { name: 'Next ›' }).click();
    await page.waitForURL(/page=2/);
    assert.match(await page.locator('nav.pager').first().innerText(), new RegExp(`101–200 of ${total}`));
    assert.equal(await page.locator('#gate-reasons').getAttribute('start'), '101');
  });

  test('the risk file page answers quickly (reported)', async (t) => {
    const timings = [];
    let serverTiming = null;
    for (const tab of ['hazards', 'risks', 'matrix', 'hazards', 'risks', 'matrix']) {
      const started = performance.now();
      const response = await page.request.get(`/files/${fileId}?tab=${tab}`);
      await response.body();
      timings.push([tab, performance.now() - started]);
      assert.equal(response.status(), 200);
      serverTiming ??= response.headers()['server-timing'] ?? null;
    }
    const report = timings.map(([tab, ms]) => `${tab} ${ms.toFixed(1)} ms`).join(', ');
    t.diagnostic(`${HAZARDS} hazards, page load round trips over loopback: ${report}` +
      (serverTiming ? `; Server-Timing: ${serverTiming}` : '; no Server-Timing header'));
    // Only a sanity bound: a page that takes seconds is broken, not slow.
    for (const [tab, ms] of timings) assert.ok(ms < 5000, `${tab} took ${ms} ms`);
  });
});
