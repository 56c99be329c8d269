// Issue 10 as a new user met it: a risk manager builds the risk file of a radial compression
// band through the web UI only (a new product and its file, a hazard alone, a chain from it, a
// further harm, P1 and severity edited, a control and its verification, a deliberate residual
// estimate, retiring, the gate check and a signed gate decision, the HTML report) and tries each
// defect the issue lists on the way, so that none comes back unnoticed. The steps share one page
// and build on each other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, launchBrowser, login, newPage, startServer, users } from './harness.mjs';

// What a database says when a person's input reaches it unchecked.
const DATABASE_MESSAGE = /UNIQUE constraint|SQLITE|violates/i;

// A hazardous-situation or harm statement of exactly 1,000 characters (the limit; once 200).
const LONG_HARM = (() => {
  const start = 'Forearm compartment syndrome after the band is left inflated far longer than the '
    + 'instructions allow';
  let text = start;
  for (let i = 1; text.length < 1000; ++i) text += ` while the ward is busy (round ${i})`;
  return `${text.slice(0, 999)}.`;
})();

describe('issue 10: a risk file through the UI, each defect tried', () => {
  let server, browser, page;
  const file = { title: 'Radial compression band risk management file', id: '' };
  // Every HTML answer the browser received (pages and htmx fragments), read at the end.
  const bodies = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await newPage(browser, server);
    page.on('response', (r) => {
      if ((r.headers()['content-type'] ?? '').startsWith('text/html')) {
        bodies.push(r.text().then((text) => ({ url: r.url(), text }), () => ({ url: r.url(), text: '' })));
      }
    });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    assert.deepEqual(page?.problems ?? [], []);
  });

  const tab = async (key) => {
    await page.goto(`/files/${file.id}?tab=${key}`);
  };
  const group = (form, legend) =>
    form.locator('fieldset', { has: page.locator(`legend:text-is("${legend}")`) });
  const posted = (part) => (r) => r.url().includes(part) && r.request().method() === 'POST';

  test('a new product and its risk file', async () => {
    await login(page, users.riskManager);
    await page.goto('/products');
    await page.getByLabel('Name').fill('Corvane RadialSeal compression band');
    await page.getByLabel('Family').fill('Haemostasis devices');
    await page.getByLabel('Model').fill('RS-10');
    await page.getByLabel('Description').fill('Inflatable band that compresses the radial artery after a transradial procedure.');
    await Promise.all([
      page.waitForURL(/\/products\/[0-9a-f-]+$/),
      page.getByRole('button', { name: 'Create product' }).click(),
    ]);
    await page.getByLabel('Title').fill(file.title);
    await page.getByLabel('Risk policy').selectOption({ label: 'Default 5 x 5 risk policy (version 1)' });
    await Promise.all([
      page.waitForURL(/\/files\/[0-9a-f-]+\?tab=plan$/),
      page.getByRole('button', { name: 'Create risk file' }).click(),
    ]);
    file.id = new URL(page.url()).pathname.split('/').pop();
  });

  test('a hazard alone, a chain from it, a further harm for its situation', async () => {
    await tab('hazards');
    await page.getByText('Add a hazard', { exact: true }).click();
    const alone = page.locator('#add-hazard form');
    await alone.getByLabel('Title').fill('Loss of band pressure during haemostasis');
    await alone.getByLabel('Category').fill('mechanical');
    await alone.getByRole('button', { name: 'Add hazard' }).click();
    const hazard = page.locator('#hazard-table tbody tr', { hasText: 'Loss of band pressure' });
    await hazard.waitFor();
    // A hazard on its own: H-001, with no situation yet.
    assert.match(await hazard.innerText(), /^H-001 Loss of band pressure[\s\S]*mechanical\s+design\s+0\s/);

    // The chain form attaches the situation to the existing hazard instead of making a new one.
    await page.getByText('Add a hazard chain').click();
    const chain = page.locator('#add-chain form');
    await group(chain, 'Hazard').getByLabel('Hazard', { exact: true })
      .selectOption({ label: 'H-001 Loss of band pressure during haemostasis' });
    const situation = group(chain, 'Hazardous situation');
    await situation.getByLabel('Title').fill('Band deflates before haemostasis is achieved');
    await situation.getByLabel('P1 (probability of the situation)').fill('0.2');
    await situation.getByLabel('Rationale for P1').fill('Valve leak rate of the predecessor band.');
    const harm = group(chain, 'Harm');
    await harm.getByLabel('Title').fill('Bleeding haematoma at the puncture site');
    await harm.getByLabel('Severity (rank)').selectOption({ label: '4 Critical' });
    await harm.getByLabel('Rationale for the severity').fill('May need surgical evacuation.');
    await group(chain, 'Risk (situation → harm)').getByLabel('P2 (probability of the harm)').fill('0.05');
    await chain.getByRole('button', { name: 'Add hazard chain' }).click();
    await page.locator('#flash', { hasText: 'added to hazard' }).waitFor();
    const rows = page.locator('#hazard-table tbody tr', { hasText: 'Loss of band pressure' });
    assert.equal(await rows.count(), 1);
    assert.match(await rows.innerText(), /mechanical\s+design\s+1\s/);

    // A further harm of that situation: a second risk, its harm a 1,000-character statement.
    await tab('situations');
    await page.getByText('Add a harm to a hazardous situation').click();
    const more = page.locator('#add-situation-harm form');
    await more.getByLabel('Hazardous situation', { exact: true })
      .selectOption({ label: 'HS-001 Band deflates before haemostasis is achieved' });
    await group(more, 'Harm').getByLabel('Title').fill(LONG_HARM);
    await group(more, 'Harm').getByLabel('Severity (rank)').selectOption({ label: '2 Minor' });
    await group(more, 'Risk (situation → harm)').getByLabel('P2 (probability of the harm)').fill('0.001');
    await more.getByRole('button', { name: 'Add harm and risk' }).click();
    await page.locator('#flash', { hasText: 'added to hazardous situation' }).waitFor();
  });

  test('P1 of the situation and the severity of a harm are edited in place', async () => {
    await tab('situations');
    const sit = () => page.locator('#situation-table tbody tr', { hasText: 'Band deflates' });
    assert.match(await sit().innerText(), /^HS-001 Band deflates[\s\S]*Loss of band pressure[\s\S]*0\.2/);
    await sit().getByRole('button', { name: /Edit hazardous situation/ }).click();
    const edit = page.locator('#situation-table tr.editing form');
    await edit.getByLabel('P1 (probability of the situation)').fill('0.1');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('#situation-table tr.editing').waitFor({ state: 'detached' });
    assert.match(await sit().innerText(), /\t0\.1 /);
    // Saving it again unchanged writes nothing (once an empty update in the journal).
    await sit().getByRole('button', { name: /Edit hazardous situation/ }).click();
    await page.locator('#situation-table tr.editing form').getByRole('button', { name: 'Save' }).click();
    await page.locator('#situation-table tr.editing').waitFor({ state: 'detached' });

    await tab('harms');
    const harm = () => page.locator('#harm-table tbody tr', { hasText: 'Forearm compartment syndrome' });
    assert.match(await harm().innerText(), /^HM-002 [\s\S]*2 Minor/);
    await harm().getByRole('button', { name: /Edit harm/ }).click();
    const editHarm = page.locator('#harm-table tr.editing form');
    await editHarm.getByLabel('Severity (rank)').selectOption({ label: '3 Serious' });
    await editHarm.getByRole('button', { name: 'Save' }).click();
    await page.locator('#harm-table tr.editing').waitFor({ state: 'detached' });
    assert.match(await harm().innerText(), /3 Serious/);
    // Shortened in the dense table, the whole statement on hover and for screen readers.
    const shortened = harm().locator(`.statement[title="${LONG_HARM}"]`);
    assert.equal(await shortened.count(), 1);
    const visible = await shortened.locator('[aria-hidden="true"]').innerText();
    assert.ok(visible.endsWith('…') && visible.length < 200, visible);

    // P1 0.1 x P2 0.05, a product a computer writes as 0.005000000000000001.
    await tab('risks');
    const risk = page.locator('#risk-table tbody tr', { hasText: 'Bleeding haematoma' });
    assert.match(await risk.innerText(), /^R-001 [\s\S]*0\.1 \/ 0\.05/);
    assert.doesNotMatch(await page.locator('#risk-table').innerText(), /0000000|\de-\d/);
  });

  test('a control, its implementation verified, its effectiveness not yet', async () => {
    await tab('controls');
    await page.getByText('Add a risk control').click();
    const add = page.locator('#add-control form');
    await add.getByLabel('Risk', { exact: true })
      .selectOption({ label: 'risk R-001 "Band deflates before haemostasis is achieved" -> "Bleeding haematoma at the puncture site"' });
    await add.getByLabel('Title').fill('Dual-bladder band');
    await add.getByLabel('Description').fill('A second bladder keeps the pressure if the first leaks.');
    await add.getByLabel('Control option').selectOption('inherent_safety');
    await add.getByLabel('Implementation reference').fill('Drawing RS-10-003 rev A');
    await add.getByRole('button', { name: 'Add control' }).click();
    const row = () => page.locator('#control-table tbody tr', { hasText: 'Dual-bladder band' });
    await row().waitFor();
    assert.match(await row().innerText(), /^RC-001 Dual-bladder band/);
    await row().getByRole('button', { name: /Edit or verify control/ }).click();
    const edit = page.locator('#control-table tr.editing form');
    await edit.getByLabel('Implementation verified').selectOption('pass');
    await edit.getByLabel('Implementation evidence').fill('Inspection report IR-310');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.locator('#control-table tr.editing').waitFor({ state: 'detached' });
    assert.match(await row().innerText(), /passed[\s\S]*IR-310[\s\S]*pending/);
  });

  test('a residual estimate only from deliberate input, provisional on an unverified control', async () => {
    await tab('controls');
    await page.getByText('Add a residual estimate').click();
    let form = page.locator('#add-residual form');
    // Nothing is preselected: once P1 = 0, P2 = 0 and severity 1 came from the form itself.
    for (const label of ['Risk', 'Severity after control', 'P1 after control', 'P2 after control']) {
      assert.equal(await form.getByLabel(label, { exact: true }).inputValue(), '', label);
    }
    // Only a rationale typed in: refused with a message, nothing stored.
    await form.getByLabel('Rationale').fill('The second bladder holds the pressure.');
    const [refused] = await Promise.all([
      page.waitForResponse(posted('/items/residuals')),
      form.getByRole('button', { name: 'Add residual estimate' }).click(),
    ]);
    assert.equal(refused.status(), 422);
    await page.locator('#add-residual .field-error', { hasText: 'is required' }).first().waitFor();
    assert.equal(await page.locator('#residual-table tbody tr', { hasText: 'Band deflates' }).count(), 0);

    // A residual severity below the initial one (4) needs the inherent-safety control.
    form = page.locator('#add-residual form');
    await form.getByLabel('Risk', { exact: true })
      .selectOption({ label: 'risk R-001 "Band deflates before haemostasis is achieved" -> "Bleeding haematoma at the puncture site"' });
    await form.getByLabel('P1 after control').fill('0.001');
    await form.getByLabel('P2 after control').fill('0.001');
    await form.getByLabel('Severity after control').selectOption({ label: '3 Serious' });
    await form.getByLabel('Rationale').fill('The second bladder holds the pressure: a leak now gives a small haematoma.');
    const [lower] = await Promise.all([
      page.waitForResponse(posted('/items/residuals')),
      form.getByRole('button', { name: 'Add residual estimate' }).click(),
    ]);
    assert.equal(lower.status(), 422);
    const control = page.locator('#add-residual .field.has-error', { hasText: 'Inherent-safety control that changed the harm' });
    await control.waitFor();
    assert.match(await control.innerText(), /below the initial severity \(4\)/);
    form = page.locator('#add-residual form');
    await form.getByLabel('Inherent-safety control that changed the harm')
      .selectOption({ label: 'RC-001 Dual-bladder band' });
    await form.getByRole('button', { name: 'Add residual estimate' }).click();
    const residual = page.locator('#residual-table tbody tr', { hasText: 'Band deflates' });
    await residual.waitFor();
    // Its control's effectiveness is not verified: the estimate says it is provisional, and
    // P1 x P2 = 1e-6 prints without floating-point noise.
    assert.match(await residual.innerText(), /provisional: relies on controls not yet verified/);
    assert.match(await residual.innerText(), /P1 0\.001, P2 0\.001/);
    assert.doesNotMatch(await residual.innerText(), /0000000|\de-\d/);
    // The risk has its estimate now: no longer offered for a new one (once a database error).
    await page.getByText('Add a residual estimate').click();
    await page.locator('#add-residual', { hasText: 'Every risk with controls has a residual estimate' }).waitFor();

    await tab('matrix');
    const afterMap = page.locator('figure', { hasText: 'After risk control' });
    assert.match(await afterMap.locator('figcaption').innerText(), /1 provisional/);
    assert.equal(await afterMap.locator('g.cell.provisional').count(), 1);
  });

  test('refs in the tables and the journal', async () => {
    const expected = { hazards: ['#hazard-table', 'H-001'], situations: ['#situation-table', 'HS-001'],
      harms: ['#harm-table', 'HM-002'], risks: ['#risk-table', 'R-002'], controls: ['#control-table', 'RC-001'] };
    for (const [key, [table, ref]] of Object.entries(expected)) {
      await tab(key);
      assert.ok((await page.locator(`${table} tbody .ref`).allInnerTexts()).includes(ref), `${key}: ${ref}`);
    }
    await page.goto('/journal');
    const journal = await page.locator('main').innerText();
    for (const named of ['hazard: H-001 ', 'hazardous situation: HS-001 ', 'harm: HM-001 ', 'risk control: RC-001 ']) {
      assert.ok(journal.includes(named), named);
    }
    // An update shows what changed: P1 of HS-001 from 0.2 to 0.1, once; the unchanged save left
    // no entry.
    const updates = await page.locator('main tbody tr', { hasText: 'HS-001' })
      .filter({ has: page.locator('.badge', { hasText: 'update' }) }).allInnerTexts();
    assert.equal(updates.length, 1, updates.join('\n'));
    assert.match(updates[0], /0\.2 → 0\.1/);
    // The residual estimate is named too (it once read "residual estimate:" with nothing after).
    assert.doesNotMatch(journal, /residual estimate:\s*\n/);
    assert.match(journal, /residual estimate: \S/);
  });

  test('a harm retired with its reason, marked in the table and the report', async () => {
    await tab('harms');
    const row = () => page.locator('#harm-table tbody tr', { hasText: 'HM-002' });
    await row().getByText('Retire', { exact: true }).click();
    await row().getByLabel('Why does HM-002 no longer count?').fill('Covered by the band time limit in the IFU');
    await row().getByRole('button', { name: 'Retire HM-002' }).click();
    await row().getByText('Covered by the band time limit in the IFU').waitFor();
    assert.match(await row().innerText(), /retired/);
    assert.equal(await row().getByRole('button', { name: 'Reinstate HM-002' }).count(), 1);
    const html = await (await page.request.get(`/files/${file.id}/report.html`)).text();
    assert.ok(html.includes('RETIRED: Covered by the band time limit in the IFU'));
  });

  test('the gate reasons link to their items, the header counts the same', async () => {
    await tab('gates');
    const reasons = await page.locator('#gate-reasons li').evaluateAll((items) => items.map(
      (li) => ({ text: li.innerText, href: li.querySelector('a')?.getAttribute('href') ?? null })));
    assert.ok(reasons.length > 0);
    const provisional = reasons.find((r) => r.text.startsWith('residual provisional'));
    assert.ok(provisional, reasons.map((r) => r.text).join('\n'));
    // Every reason links somewhere that exists.
    for (const r of reasons) {
      assert.ok(r.href, `no link: ${r.text}`);
      if (r.href.includes('#')) {
        await page.goto(r.href);
        assert.equal(await page.locator(`#${r.href.split('#')[1]}`).count(), 1, r.href);
      }
    }
    await tab('gates');
    const header = await page.locator('#next-gate').innerText();
    const count = reasons.length;
    assert.ok(header.endsWith(`: ${count} blocking reason${count === 1 ? '' : 's'}`), `${header} / ${count}`);
    assert.match(await page.locator('#gate-result').innerText(), new RegExp(`^\\W*${count} blocking reason`));
    assert.equal(await page.locator('#next-gate a, a#next-gate').count(), 1);
  });

  test('a gate decision signed with e-mail and password the first time', async () => {
    await tab('gates');
    await page.getByRole('button', { name: /Record and sign the .* gate decision/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Rationale').fill('Blocked: the band effectiveness test is still open.');
    await dialog.getByLabel('Meaning of the signature').selectOption('review');
    await dialog.getByLabel('Your e-mail').fill(users.riskManager);
    await dialog.getByLabel('Your password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await page.locator('.signature').first().waitFor();
    assert.match(await page.locator('.signature').first().innerText(), /Signed by .*Mei Chen/);
  });

  test('the HTML report opens in the browser, probabilities and statements as written', async () => {
    const response = await page.goto(`/files/${file.id}/report.html`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^text\/html/);
    assert.doesNotMatch(response.headers()['content-disposition'] ?? '', /attachment/);
    const html = await response.text();
    assert.ok(html.includes(LONG_HARM), 'the 1,000-character statement whole');
    assert.doesNotMatch(html, /\d0000000|9999999|\d\.\d+e-\d/);
    assert.match(html, /\(P = 0\.005\b/);  // P1 0.1 x P2 0.05, once 0.005000000000000001
    assert.match(html, /R-001/);
    assert.match(html, /\(P = 0\.000001\b/);  // the residual's 0.001 x 0.001, once 1.0000000000000002e-06
    assert.ok((await page.locator('h1').first().innerText()).length > 0);
  });

  test('an unknown URL answers with the styled 404 page', async () => {
    // A page of its own in the same session: the test page counts every 404 as a problem.
    const other = await page.context().newPage();
    try {
      const response = await other.goto('/no-such-page-here');
      assert.equal(response.status(), 404);
      assert.match(response.headers()['content-type'], /^text\/html/);
      assert.equal(await other.getByRole('heading', { level: 1 }).innerText(), 'Not found');
      assert.ok(await other.locator('link[rel="stylesheet"]').count() > 0);
      assert.equal(await other.getByRole('link', { name: 'Back to the dashboard' }).count(), 1);
    } finally {
      await other.close();
    }
  });

  test('no page showed a database message', async () => {
    const seen = await Promise.all(bodies);
    assert.ok(seen.length > 30, `${seen.length} answers`);
    for (const { url, text } of seen) assert.doesNotMatch(text, DATABASE_MESSAGE, url);
  });
});
