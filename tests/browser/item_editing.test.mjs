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

  // The option of an existing item, listed by its ref and title ("H-012 Guidewire ...").
  const refLabelled = async (title) => ({
    label: await demo.page.locator('option').evaluateAll(
      (options, t) => options.map((o) => o.label).find((l) => /^[A-Z]+-\d+ /.test(l) && l.endsWith(` ${t}`)), title),
  });

  const group = (form, legend) =>
    form.locator('fieldset', { has: demo.page.locator(`legend:text-is("${legend}")`) });

  test('a hazard is added on its own', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=hazards`);
    await page.getByText('Add a hazard', { exact: true }).click();
    const form = page.locator('#add-hazard form');
    await form.getByLabel('Title').fill('Guidewire entrapment in the stent struts');
    await form.getByLabel('Category').fill('mechanical');
    await form.getByRole('button', { name: 'Add hazard' }).click();
    const row = page.locator('#hazard-table tbody tr', { hasText: 'Guidewire entrapment' });
    await row.waitFor();
    assert.match(await page.locator('#flash').innerText(), /added/i);
    assert.match(await row.innerText(), /mechanical\s+design\s+0\s/);
  });

  test('a new situation is attached to the existing hazard through the chain form', async () => {
    const { page } = demo;
    await page.getByText('Add a hazard chain').click();
    const form = page.locator('#add-chain form');
    await group(form, 'Hazard').getByLabel('Hazard', { exact: true })
      .selectOption(await refLabelled('Guidewire entrapment in the stent struts'));
    const situation = group(form, 'Hazardous situation');
    await situation.getByLabel('Title').fill('Guidewire trapped while recrossing a deployed stent');
    await situation.getByLabel('P1 (probability of the situation)').fill('0.001');
    await group(form, 'Harm').getByLabel('Harm', { exact: true })
      .selectOption(await refLabelled('Coronary artery dissection'));
    await group(form, 'Risk (situation → harm)').getByLabel('P2 (probability of the harm)').fill('0.1');
    await form.getByRole('button', { name: 'Add hazard chain' }).click();
    await page.locator('#flash', { hasText: 'added to hazard' }).waitFor();
    // Still one hazard of that name, now with one situation.
    const rows = page.locator('#hazard-table tbody tr', { hasText: 'Guidewire entrapment' });
    assert.equal(await rows.count(), 1);
    assert.match(await rows.innerText(), /mechanical\s+design\s+1\s/);
    await page.goto(`${new URL(page.url()).pathname}?tab=situations`);
    const sit = page.locator('#situation-table tbody tr', { hasText: 'Guidewire trapped' });
    assert.match(await sit.innerText(), /Guidewire entrapment in the stent struts[\s\S]*0\.001[\s\S]*Coronary artery dissection/);
  });

  test('a further harm is attached to an existing situation', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=situations`);
    await page.getByText('Add a harm to a hazardous situation').click();
    const form = page.locator('#add-situation-harm form');
    await form.getByLabel('Hazardous situation', { exact: true })
      .selectOption(await refLabelled('Stent under-expanded at the lesion'));
    const harm = group(form, 'Harm');
    await harm.getByLabel('Title').fill('Stent thrombosis from malapposed struts');
    await harm.getByLabel('Severity (rank)').selectOption({ label: '4 Critical' });
    await group(form, 'Risk (situation → harm)').getByLabel('P2 (probability of the harm)').fill('0.02');
    await form.getByRole('button', { name: 'Add harm and risk' }).click();
    await page.locator('#flash', { hasText: 'added to hazardous situation' }).waitFor();
    const row = page.locator('#situation-table tbody tr', { hasText: 'Stent under-expanded at the lesion' });
    assert.match(await row.innerText(), /Incomplete revascularisation[\s\S]*Stent thrombosis from malapposed struts/);
    const risk = await riskRow('Stent under-expanded at the lesion');
    assert.match(await page.locator('#risk-table').innerText(), /Stent thrombosis from malapposed struts/, risk);
  });

  test('wrong picks come back to the form with a message saying what to do', async () => {
    const { page, fileId } = demo;
    await page.goto(`/files/${fileId}?tab=situations`);
    await page.getByText('Add a harm to a hazardous situation').click();
    let form = page.locator('#add-situation-harm form');
    // Nothing chosen and nothing typed.
    await form.getByRole('button', { name: 'Add harm and risk' }).click();
    const errors = page.locator('#add-situation-harm .field-error');
    await errors.first().waitFor();
    const text = (await errors.allInnerTexts()).join('\n');
    assert.match(text, /Choose the hazardous situation that leads to the harm/);
    assert.match(text, /Choose a harm from the list or describe a new one/);
    assert.doesNotMatch(text, /SQL|constraint|sqlite|database/i);

    // A risk that exists already.
    form = page.locator('#add-situation-harm form');
    await form.getByLabel('Hazardous situation', { exact: true })
      .selectOption(await refLabelled('Stent under-expanded at the lesion'));
    await group(form, 'Harm').getByLabel('Harm', { exact: true })
      .selectOption(await refLabelled('Incomplete revascularisation and prolonged procedure'));
    await form.getByRole('button', { name: 'Add harm and risk' }).click();
    await page.locator('#add-situation-harm .field-error', { hasText: 'that risk exists' }).waitFor();

    // An id that is not one of this file's (another file's or organization's look the same).
    form = page.locator('#add-situation-harm form');
    await form.getByLabel('Hazardous situation', { exact: true }).evaluate((select) => {
      select.add(new Option('forged', '00000000-0000-4000-8000-000000000000'));
      select.value = '00000000-0000-4000-8000-000000000000';
    });
    await form.getByRole('button', { name: 'Add harm and risk' }).click();
    await page.locator('#add-situation-harm .field-error', { hasText: "is not one of this risk file's" }).waitFor();

    // The chain form: an existing hazard chosen and a new one typed.
    await page.goto(`/files/${fileId}?tab=hazards`);
    await page.getByText('Add a hazard chain').click();
    form = page.locator('#add-chain form');
    await group(form, 'Hazard').getByLabel('Hazard', { exact: true })
      .selectOption(await refLabelled('Guidewire entrapment in the stent struts'));
    await group(form, 'Hazard').getByLabel('Title').fill('Another hazard');
    await group(form, 'Hazardous situation').getByLabel('Title').fill('Some situation');
    await form.getByRole('button', { name: 'Add hazard chain' }).click();
    await page.locator('#add-chain .field-error', { hasText: 'not both' }).waitFor();
    const chainErrors = (await page.locator('#add-chain .field-error').allInnerTexts()).join('\n');
    assert.match(chainErrors, /Choose a harm from the list or describe a new one/);
    // Nothing was written: still one hazard of that name and no "Some situation".
    assert.equal(await page.locator('#hazard-table tbody tr', { hasText: 'Another hazard' }).count(), 0);
  });

  test('a long statement is shortened in the dense tables, whole on hover and in the report', async () => {
    const { page, fileId } = demo;
    const long = 'Coating particles released in the coronary circulation while the system crosses a '
      + 'heavily calcified lesion after repeated attempts, with the particles carried downstream into '
      + 'the microvasculature of the myocardium where they occlude arterioles';
    assert.ok(long.length > 200);
    await page.goto(`/files/${fileId}?tab=situations`);
    const row = page.locator('#situation-table tbody tr', { hasText: 'Coating particles released' });
    await row.getByRole('button', { name: /Edit hazardous situation/ }).click();
    const edit = page.locator('#situation-table tr.editing form');
    await edit.getByLabel('Title').fill(long);
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('#situation-table tr.editing').waitFor({ state: 'detached' });
    for (const [tab, table] of [['situations', '#situation-table'], ['risks', '#risk-table'],
      ['harms', '#harm-table'], ['controls', '#control-table']]) {
      await page.goto(`/files/${fileId}?tab=${tab}`);
      const shortened = page.locator(`${table} .statement[title*="occlude arterioles"]`).first();
      await shortened.waitFor();
      const title = await shortened.getAttribute('title');
      assert.ok(title.endsWith(tab === 'controls' ? `${long}" -> "Distal micro-embolization with periprocedural infarction"` : long), `${tab}: ${title}`);
      const visible = await shortened.locator('[aria-hidden="true"]').innerText();
      assert.ok(visible.endsWith('…') && visible.length <= 161, `${tab}: ${visible}`);
      // Screen readers get the whole statement.
      assert.equal(await shortened.locator('.visually-hidden').textContent(), title);
    }
    const report = await page.request.get(`/files/${fileId}/report.html`);
    const html = await report.text();
    assert.ok(html.includes(long), 'the report shows the statement whole');
    assert.doesNotMatch(html, /class="statement"/);
  });
});
