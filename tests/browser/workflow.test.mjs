// A quality engineer's way through a risk file in the real UI: log in, create a product and its
// risk file, analyse a hazard chain, control and verify it, pass the gate check, import a sheet,
// sign the overall residual risk and download the report. The steps share one page and build on
// each other, as a person's session would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_PASSWORD, launchBrowser, login, newPage, startServer, users } from './harness.mjs';

const run = promisify(execFile);

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

  test('create a risk file', async () => {
    await page.getByLabel('Title').fill(file.title);
    await page.getByLabel('Risk policy').selectOption({ label: 'Default 5 x 5 risk policy (version 1)' });
    await Promise.all([
      page.waitForURL(/\/files\/[0-9a-f-]+\?tab=plan$/),
      page.getByRole('button', { name: 'Create risk file' }).click(),
    ]);
    file.id = new URL(page.url()).pathname.split('/').pop();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), file.title);
    assert.match(await page.locator('.file-head').innerText(), /0 hazards, 0 risks/);
  });

  // The number in the heat map cell (severity, probability) before risk control.
  const cellCount = async (severity, probability) => {
    const cell = page
      .locator('figure', { hasText: 'Before risk control' })
      .locator(`g.cell[data-severity="${severity}"][data-probability="${probability}"]`);
    return Number(await cell.getAttribute('data-count'));
  };

  test('add a hazard chain and see the heat map cell count change', async () => {
    await page.getByRole('link', { name: 'Risk matrix' }).click();
    await page.waitForURL(/tab=matrix/);
    const before = await cellCount(3, 3);
    assert.equal(before, 0);

    await page.getByRole('link', { name: 'Hazards', exact: true }).click();
    await page.waitForURL(/tab=hazards/);
    await page.getByText('Add a hazard chain').click();
    const form = page.locator('#add-chain form');
    const group = (legend) => form.locator('fieldset', { has: page.locator(`legend:text-is("${legend}")`) });
    await group('Hazard').getByLabel('Title').fill(`Air in the line ${HOSTILE}`);
    await group('Hazard').getByLabel('Description').fill('Air enters the tubing when the drip chamber runs dry.');
    await group('Hazard').getByLabel('Category').fill('mechanical');
    await group('Hazardous situation').getByLabel('Title').fill('Air bolus reaches the patient');
    await group('Hazardous situation').getByLabel('Sequence of events').fill('Chamber runs dry; clamp left open; air is infused.');
    await group('Hazardous situation').getByLabel('P1 (probability of the situation)').fill('0.01');
    await group('Hazardous situation').getByLabel('Rationale for P1').fill('Field data of the predecessor.');
    await group('Harm').getByLabel('Title').fill('Air embolism');
    await group('Harm').getByLabel('Severity (rank)').selectOption({ label: '3 Serious' });
    await group('Harm').getByLabel('Rationale for the severity').fill('Needs medical intervention.');
    await group('Risk (situation → harm)').getByLabel('P2 (probability of the harm)').fill('0.1');
    await group('Risk (situation → harm)').getByLabel('Rationale', { exact: true }).fill('Literature on air embolism.');
    await form.getByRole('button', { name: 'Add hazard chain' }).click();
    await page.locator('#hazard-table tbody tr', { hasText: 'Air in the line' }).waitFor();
    assert.match(await page.locator('#flash').innerText(), /added|saved/i);

    await page.getByRole('link', { name: 'Risk matrix' }).click();
    await page.waitForURL(/tab=matrix/);
    const total = await page.locator('figure', { hasText: 'Before risk control' }).locator('g.cell').evaluateAll(
      (cells) => cells.reduce((n, c) => n + Number(c.getAttribute('data-count')), 0));
    assert.equal(total, 1);
    // P1 0.01 x P2 0.1 = 0.001 with a serious harm.
    const row = await page.locator('figure', { hasText: 'Before risk control' })
      .locator('g.cell[data-count="1"]').first();
    file.cell = { severity: await row.getAttribute('data-severity'), probability: await row.getAttribute('data-probability') };
    assert.equal(file.cell.severity, '3');
    assert.equal(await cellCount(3, file.cell.probability), 1);
  });

  test('add a risk control, then verify its implementation and effectiveness', async () => {
    await page.getByRole('link', { name: 'Controls', exact: true }).click();
    await page.waitForURL(/tab=controls/);
    await page.getByText('Add a risk control').click();
    const add = page.locator('#add-control form');
    await add.getByLabel('Risk', { exact: true }).selectOption({ label: 'risk R-001 "Air bolus reaches the patient" -> "Air embolism"' });
    await add.getByLabel('Title').fill('Air-stop filter in the drip chamber');
    await add.getByLabel('Description').fill('Hydrophilic membrane that blocks air once wetted.');
    await add.getByLabel('Control option').selectOption('inherent_safety');
    await add.getByLabel('Implementation reference').fill('Drawing CF-200-014 rev B');
    await add.getByRole('button', { name: 'Add control' }).click();
    const row = page.locator('#control-table tbody tr', { hasText: 'Air-stop filter' });
    await row.waitFor();
    assert.match(await row.innerText(), /pending/);

    await row.getByRole('button', { name: /Edit or verify control/ }).click();
    const edit = page.locator('#control-table tr.editing form');
    await edit.waitFor();
    await edit.getByLabel('Implementation verified').selectOption('pass');
    await edit.getByLabel('Implementation evidence').fill('Inspection report IR-2207');
    await edit.getByLabel('Effectiveness verified').selectOption('pass');
    await edit.getByLabel('Effectiveness evidence').fill('Bench test BT-118: no air passes in 200 runs');
    await edit.getByLabel('Reviewed for new risks (7.5)').check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('#control-table tr.editing').waitFor({ state: 'detached' });
    const verified = await page.locator('#control-table tbody tr', { hasText: 'Air-stop filter' }).innerText();
    assert.match(verified, /passed[\s\S]*IR-2207[\s\S]*passed[\s\S]*BT-118/);
    assert.match(await page.locator('.file-head').innerText(), /1 of 1 controls verified/);
  });

  const gateReasons = async () =>
    page.locator('#gate-reasons li').evaluateAll((items) => items.map((li) => li.innerText));

  test('run the gate check and see its reasons disappear', async () => {
    await page.getByRole('link', { name: 'Gates', exact: true }).click();
    await page.waitForURL(/tab=gates/);
    const before = await gateReasons();
    // Each reason reads "<code in words>: <message>".
    const codes = new Set(before.map((r) => r.split(':')[0].trim().replaceAll(' ', '_')));
    assert.ok(codes.has('plan_section_missing'), before.join('\n'));
    assert.ok(codes.has('residual_not_estimated'), before.join('\n'));
    assert.match(await page.locator('#gate-result').innerText(), new RegExp(`${before.length} blocking reasons`));
    // The file's header counts the same blocking reasons as the gate check, and links to it.
    const header = await page.locator('#next-gate').innerText();
    assert.ok(header.endsWith(`: ${before.length} blocking reason${before.length === 1 ? '' : 's'}`), header);
    // Each reason links to where it is fixed: a missing plan section to the plan, a risk without
    // a residual estimate to its row on the risks tab.
    const rows = await page.locator('#gate-reasons li').evaluateAll((items) => items.map(
      (li) => ({ text: li.innerText, href: li.querySelector('a')?.getAttribute('href') ?? null })));
    for (const r of rows.filter((x) => x.text.startsWith('plan section missing'))) {
      assert.match(r.href ?? '', /\?tab=plan$/, r.text);
    }
    const toRisk = rows.find((x) => x.text.startsWith('residual not estimated'));
    assert.match(toRisk?.href ?? '', /\?tab=risks#risk-/, JSON.stringify(toRisk));
    await page.goto(toRisk.href);
    assert.equal(await page.locator(`#${toRisk.href.split('#')[1]}`).count(), 1, toRisk.href);
    await page.getByRole('link', { name: 'Gates', exact: true }).click();
    await page.waitForURL(/tab=gates/);

    // The plan (ISO 14971 4.4).
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    await page.waitForURL(/tab=plan/);
    await page.getByText('Edit the plan').click();
    const plan = {
      'Device description (5.1)': 'Gravity infusion set, single use, sterile.',
      'Analysts (5.1)': 'Mei Chen (risk management), Tomasz Nowak (design)',
      'Intended use (5.2)': 'Administration of fluids by gravity from a container into a vein.',
      'Reasonably foreseeable misuse (5.2)': 'Use with a pump not validated for the set.',
      'Scope': 'The CF-200 set from design to post-market.',
      'Responsibilities': 'Risk manager owns the file; design engineer owns the controls.',
      'Review requirements': 'Reviewed at every design review and yearly after launch.',
      'Acceptability criteria': 'The default 5 x 5 policy.',
      'Overall residual method': 'Benefit-risk review of all residual risks together.',
      'Verification activities': 'Bench tests and inspection of each control.',
      'Production information': 'Complaints and field data reviewed monthly.',
    };
    const form = page.locator('form[action$="/plan"]');
    for (const [label, text] of Object.entries(plan)) await form.getByLabel(label, { exact: true }).fill(text);
    await form.getByRole('button', { name: 'Save plan' }).click();
    await page.locator('#flash', { hasText: 'The plan was saved.' }).waitFor();
    assert.equal(await page.locator('#tab-panel .badge-bad', { hasText: 'missing' }).count(), 0);

    // The residual estimate of the controlled risk (7.3).
    await page.getByRole('link', { name: 'Controls', exact: true }).click();
    await page.waitForURL(/tab=controls/);
    await page.getByText('Add a residual estimate').click();
    const residual = page.locator('#add-residual form');
    // Nothing of the estimate is preselected or prefilled.
    assert.equal(await residual.getByLabel('Risk', { exact: true }).inputValue(), '');
    assert.equal(await residual.getByLabel('Severity after control').inputValue(), '');
    assert.equal(await residual.getByLabel('P1 after control').inputValue(), '');
    assert.equal(await residual.getByLabel('P2 after control').inputValue(), '');
    // A form with only a rationale once became "Negligible x Improbable: acceptable". Now every
    // missing part is named next to its field, and nothing is stored.
    await residual.getByLabel('Rationale').fill('The filter stops air: bench test BT-118.');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/items/residuals') && r.request().method() === 'POST'),
      residual.getByRole('button', { name: 'Add residual estimate' }).click(),
    ]);
    assert.equal(refused.status(), 422);
    const again = page.locator('#add-residual form');
    await again.locator('.field-error').first().waitFor();
    const errors = await again.locator('.field.has-error').evaluateAll(
      (fields) => fields.map((f) => f.querySelector('label').innerText + ': ' + f.querySelector('.field-error').innerText));
    assert.equal(errors.length, 1, errors.join('\n'));  // the first missing part: the risk
    assert.match(errors[0], /^Risk: .*is required/);
    assert.equal(await page.locator('#residual-table tbody tr', { hasText: 'Air bolus reaches the patient' }).count(), 0);

    await again.getByLabel('Risk', { exact: true }).selectOption({ label: 'risk R-001 "Air bolus reaches the patient" -> "Air embolism"' });
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/items/residuals') && r.request().method() === 'POST'),
      again.getByRole('button', { name: 'Add residual estimate' }).click(),
    ]);
    const third = page.locator('#add-residual form');
    await third.locator('.field-error').first().waitFor();
    assert.match(await third.locator('.field.has-error').first().innerText(), /P1 after control[\s\S]*is required/);

    // 5e-6 x 0.1 = 5e-7 per use: Improbable, acceptable for a serious harm. (1e-5 would be the
    // first value of Occasional, where a serious harm is "investigate" and still blocks the gate.)
    await third.getByLabel('P1 after control').fill('0.000005');
    await third.getByLabel('P2 after control').fill('0.1');
    await third.getByLabel('Severity after control').selectOption({ label: '3 Serious' });
    await third.getByRole('button', { name: 'Add residual estimate' }).click();
    const added = page.locator('#residual-table tbody tr', { hasText: 'Air bolus reaches the patient' });
    await added.waitFor();
    // Probabilities as people write them, never 5e-06 or floating-point noise.
    assert.match(await added.innerText(), /P1 0\.000005, P2 0\.1/);
    assert.doesNotMatch(await added.innerText(), /\de-\d/);
    // The risk now has an estimate: it is revised from its row, no longer offered for a new one.
    await page.getByText('Add a residual estimate').click();
    await page.locator('#add-residual', { hasText: 'Every risk with controls has a residual estimate' }).waitFor();

    // Revising to a lower severity needs the inherent-safety control that changed the harm.
    await added.getByRole('button', { name: /Revise residual estimate/ }).click();
    const revise = page.locator('#residual-table tr.editing form');
    await revise.waitFor();
    await revise.getByLabel('Severity after control').selectOption({ label: '2 Minor' });
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/items/residuals/') && r.request().method() === 'POST'),
      revise.getByRole('button', { name: 'Save' }).click(),
    ]);
    const control = page.locator('#residual-table tr.editing .field.has-error');
    await control.waitFor();
    assert.match(await control.innerText(), /Inherent-safety control that changed the harm[\s\S]*below the initial severity \(3\)/);
    const editing = page.locator('#residual-table tr.editing form');
    await editing.getByLabel('Inherent-safety control that changed the harm').selectOption({ label: 'RC-001 Air-stop filter in the drip chamber' });
    await editing.getByLabel('Rationale').fill('The filter removes the air before it reaches the line: the harm is now minor.');
    await editing.getByRole('button', { name: 'Save' }).click();
    await page.locator('#residual-table tr.editing').waitFor({ state: 'detached' });
    assert.match(await page.locator('#residual-table tbody tr', { hasText: 'Air bolus reaches the patient' }).innerText(), /Minor/);

    await page.getByRole('link', { name: 'Gates', exact: true }).click();
    await page.waitForURL(/tab=gates/);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('tab=gates') && r.status() === 200),
      page.getByRole('link', { name: 'Run the gate check again' }).click(),
    ]);
    await page.locator('#gate-result').waitFor();
    assert.deepEqual(await gateReasons(), []);
    assert.match(await page.locator('#gate-result').innerText(), /No blocking reasons/);
  });

  test('import a hazard sheet with one bad row and see the row and column of the error', async () => {
    await page.getByRole('link', { name: 'Report', exact: true }).click();
    await page.waitForURL(/tab=report/);
    await page.getByRole('link', { name: 'Import a hazard sheet…' }).click();
    await page.waitForURL(/\/import$/);
    const sheet = [
      'hazard_ref,hazard,hazard_category,situation_ref,hazardous_situation,p1,harm_ref,harm,severity,p2,rationale',
      'H-20,Roller clamp slips open,mechanical,S-20,Free flow of the whole bag,0.001,HM-20,Fluid overload,4,0.1,Clamp test data',
      'H-21,Spike breaks in the port,mechanical,S-21,Fragment enters the fluid path,0.01,HM-21,Particle infusion,5x,0.01,Expert estimate',
    ].join('\n') + '\n';
    const upload = async (partial) => {
      await page.getByLabel('Hazard sheet (CSV or XLSX)').setInputFiles({
        name: 'hazards.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
      if (partial) await page.getByLabel('Import the good rows even if some rows are bad').check();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/import') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Check the sheet' }).click(),
      ]);
      await page.locator('#import-summary').waitFor();
    };
    await upload(false);
    assert.match(await page.locator('#import-summary').innerText(), /2 rows read: 1 good, 1 with problems/);
    const issues = await page.locator('#import-issues tbody tr').evaluateAll(
      (rows) => rows.map((r) => [...r.cells].map((c) => c.innerText)));
    assert.equal(issues.length, 1, JSON.stringify(issues));
    const [row, column, reason] = issues[0];
    assert.equal(row, '3');  // the header is row 1
    assert.equal(column, 'severity');
    assert.match(reason, /5x/);
    assert.equal(await page.getByRole('button', { name: /Import/ }).count(), 0);

    await upload(true);
    await page.getByRole('button', { name: 'Import the 1 good rows' }).click();
    await page.locator('#import-result').waitFor();
    assert.match(await page.locator('#import-result').innerText(), /from 1 rows of hazards\.csv/);
    await page.getByRole('link', { name: 'Back to the hazards' }).click();
    await page.locator('#hazard-table tbody tr', { hasText: 'Roller clamp slips open' }).waitFor();
    assert.equal(await page.locator('#hazard-table tbody tr', { hasText: 'Spike breaks' }).count(), 0);
  });

  test('sign the overall residual risk in the signature dialog', async () => {
    await page.getByRole('link', { name: 'Overall residual risk' }).click();
    await page.waitForURL(/tab=overall/);
    await page.getByRole('button', { name: /Evaluate and sign the overall residual risk/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Method').fill('All residual risks reviewed together against the clinical benefit.');
    await dialog.getByLabel('Benefits').fill('Safe gravity infusion without a pump.');
    await dialog.getByLabel('Conclusion').selectOption('acceptable');
    await dialog.getByLabel('Rationale').fill('Every residual risk is acceptable; the benefit outweighs them.');
    await dialog.getByLabel('Meaning of the signature').selectOption('approval');
    // A wrong password is refused next to the field and nothing is signed. The first signature
    // of a session takes the e-mail too (21 CFR 11.200(a)(1)).
    await dialog.getByLabel('Your e-mail').fill(users.riskManager);
    await dialog.getByLabel('Your password').fill('not my password');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.getByRole('dialog').locator('.field-error, .alert-error').first().waitFor();
    assert.equal(await page.locator('.signature').count(), 0);

    const again = page.getByRole('dialog');
    await again.getByLabel('Your e-mail').fill(users.riskManager);
    await again.getByLabel('Your password').fill(DEMO_PASSWORD);
    await again.getByRole('button', { name: 'Sign' }).click();
    await page.locator('.signature').first().waitFor();
    assert.match(await page.locator('.signature').first().innerText(), /Signed by .*Mei Chen.*meaning: approval/);
    assert.equal(await page.getByRole('dialog').count(), 0);
  });

  test('download the PDF report', async () => {
    await page.getByRole('link', { name: 'Report', exact: true }).click();
    await page.waitForURL(/tab=report/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Risk management report (PDF)' }).click(),
    ]);
    const path = join(server.dir, 'report.pdf');
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-');
    const { stdout } = await run('pdftotext', [path, '-']);
    assert.ok(stdout.replace(/\s+/g, ' ').includes(file.title), stdout.slice(0, 500));
  });

  test('hostile text is shown as text everywhere', async () => {
    for (const url of [`/products/${product.id}`, `/files/${file.id}?tab=hazards`,
      `/files/${file.id}?tab=risks`, '/products', '/journal']) {
      await page.goto(url);
      assert.equal(await page.locator('script:not([src])').count(), 0, url);
    }
    // The HTML report opens in the browser under its own policy (its inline styles, no scripts,
    // sandboxed): its text carries the hostile title escaped, and it reads as a report.
    const response = await page.request.get(`/files/${file.id}/report.html`);
    const report = await response.text();
    assert.ok(report.includes('Air in the line &lt;script&gt;alert(1)&lt;/script&gt;'), report.slice(0, 300));
    assert.ok(!report.includes(HOSTILE));
    assert.match(response.headers()['content-disposition'], /^inline; /);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /\bsandbox\b/);
    assert.ok(!/script-src/.test(csp), csp);
    await page.goto(`/files/${file.id}/report.html`);
    assert.ok((await page.locator('h1').first().innerText()).length > 0);
    await page.goto(`/files/${file.id}?tab=hazards`);
    assert.ok((await page.locator('#hazard-table').innerText()).includes(`Air in the line ${HOSTILE}`));
    // page.problems (checked after the suite) holds any alert() dialog.
  });
});
