// Residual estimates that rely on controls not yet verified are provisional, and say so: on the
// heat map after risk control, on the controls tab, in the gate check and in the report. The demo
// file has one: the micro-embolization risk, whose coating inspection still awaits its
// effectiveness verification. Every risk with controls there has an estimate, so the form to add
// one offers none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDemo, login, openDemo, users } from './harness.mjs';

describe('provisional residual estimates', () => {
  let demo;

  before(async () => {
    demo = await openDemo();
    await login(demo.page, users.riskManager);
  });
  after(async () => closeDemo(demo ?? {}));

  test('the heat map after risk control marks the provisional cell', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=matrix`);
    const after = page.locator('figure', { hasText: 'After risk control' });
    assert.match(await after.locator('figcaption').innerText(), /1 provisional/);
    const marked = after.locator('g.cell.provisional');
    assert.equal(await marked.count(), 1);
    assert.equal(await marked.getAttribute('data-provisional'), '1');
    assert.match(await marked.textContent(), /1 provisional/);
    // Before risk control nothing is provisional.
    const before = page.locator('figure', { hasText: 'Before risk control' });
    assert.equal(await before.locator('g.cell.provisional').count(), 0);
  });

  test('the controls tab marks the estimate and offers no risk that has one', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=controls`);
    const row = page.locator('#residual-table tbody tr', { hasText: 'micro-embolization' });
    assert.match(await row.innerText(), /provisional: relies on controls not yet verified/);
    assert.equal(await page.locator('#residual-table .provisional').count(), 1);
    // Probabilities without floating-point noise or exponents.
    const text = await page.locator('#residual-table').innerText();
    assert.doesNotMatch(text, /\de-\d|0000000001|9999999/);
    await page.getByText('Add a residual estimate').click();
    await page.locator('#add-residual', { hasText: 'Every risk with controls has a residual estimate' }).waitFor();
    assert.equal(await page.locator('#add-residual form').count(), 0);
  });

  test('the gate check lists the provisional estimate as a blocking reason', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=gates&stage=manufacturing`);
    const reasons = await page.locator('#gate-reasons li').evaluateAll((items) => items.map((li) => li.innerText));
    const provisional = reasons.filter((r) => r.startsWith('residual provisional'));
    assert.equal(provisional.length, 1, reasons.join('\n'));
    assert.match(provisional[0], /micro-embolization[\s\S]*is provisional: it relies on controls whose verification has not passed: "Coating integrity inspection/);
    assert.match(provisional[0], /effectiveness pending/);
  });

  test('the report marks the provisional estimate', async () => {
    const { page, fileId } = demo;
    const report = await page.request.get(`/files/${fileId}/report.html`);
    assert.equal(report.status(), 200);
    const html = await report.text();
    assert.match(html, /1 provisional \(residual estimate relying on controls not yet verified\)/);
    assert.match(html, /PROVISIONAL, relies on controls not yet verified: /);
    assert.match(html, /data-provisional="1"/);
    assert.doesNotMatch(html, /P = [0-9.]*e-/);
  });
});
