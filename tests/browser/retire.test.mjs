// Refs and retiring: hazards read as H-001..., a hazard that no longer applies is retired with a
// reason from its row, stays listed and in the report marked retired, leaves the heat map with its
// risks, shows in the journal by its ref, and is reinstated; a harm and a hazardous situation
// likewise from their own tabs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDemo, login, openDemo, users } from './harness.mjs';

describe('refs and retiring an item', () => {
  let demo;

  before(async () => {
    demo = await openDemo();
    await login(demo.page, users.riskManager);
  });
  after(async () => closeDemo(demo ?? {}));

  const riskCount = async (page, fileId) => {
    await page.goto(`/files/${fileId}?tab=matrix`);
    const caption = await page.locator('figure', { hasText: 'Before risk control' }).locator('figcaption').innerText();
    return caption;
  };

  test('a hazard is retired with its reason, then reinstated', async () => {
    const { page, fileId } = demo;
    const matrixBefore = await riskCount(page, fileId);
    await page.goto(`/files/${fileId}?tab=hazards`);
    const row = page.locator('#hazard-table tbody tr', { hasText: 'H-001' });
    await row.waitFor();
    await row.getByText('Retire', { exact: true }).click();
    // Without a reason the browser does not send the form; the server refuses a blank one too.
    await row.getByLabel('Why does H-001 no longer count?').fill('Design change DC-12 removed the heater');
    await row.getByRole('button', { name: 'Retire H-001' }).click();
    const retired = page.locator('#hazard-table tbody tr', { hasText: 'H-001' });
    await retired.getByText('Design change DC-12 removed the heater').waitFor();
    assert.match(await retired.innerText(), /retired/);
    assert.notEqual(await riskCount(page, fileId), matrixBefore);

    const report = await page.request.get(`/files/${fileId}/report.html`);
    assert.equal(report.status(), 200);
    const html = await report.text();
    assert.match(html, /H-001/);
    assert.match(html, /RETIRED: Design change DC-12 removed the heater/);

    await page.goto('/journal');
    assert.match(await page.locator('main').innerText(), /hazard: H-001 /);

    await page.goto(`/files/${fileId}?tab=hazards`);
    await page.locator('#hazard-table tbody tr', { hasText: 'H-001' }).getByRole('button', { name: 'Reinstate H-001' }).click();
    await page.locator('#hazard-table tbody tr', { hasText: 'H-001' }).getByText('Retire', { exact: true }).waitFor();
    assert.equal(await riskCount(page, fileId), matrixBefore);
  });

  // Retires `ref` from the table of tab `key` with `reason`, checks the row and the report, and
  // reinstates it.
  const retireAndReinstate = async (key, table, ref, reason) => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=${key}`);
    const row = () => page.locator(`${table} tbody tr`, { hasText: ref });
    await row().waitFor();
    await row().getByText('Retire', { exact: true }).click();
    await row().getByLabel(`Why does ${ref} no longer count?`).fill(reason);
    await row().getByRole('button', { name: `Retire ${ref}` }).click();
    await row().getByText(reason).waitFor();
    assert.match(await row().innerText(), /retired/);
    const report = await (await page.request.get(`/files/${fileId}/report.html`)).text();
    assert.ok(report.includes(`RETIRED: ${reason}`), ref);

    await row().getByRole('button', { name: `Reinstate ${ref}` }).click();
    await row().getByText('Retire', { exact: true }).waitFor();
    assert.ok(!(await row().innerText()).includes(reason), ref);
  };

  test('a harm is retired from the harms tab with its reason, then reinstated', async () => {
    await retireAndReinstate('harms', '#harm-table', 'HM-001', 'Merged into a broader harm');
  });

  test('a hazardous situation is retired from its tab with its reason, then reinstated', async () => {
    await retireAndReinstate('situations', '#situation-table', 'HS-001', 'Not possible with the new sheath');
  });
});
