// A risk manager's way through the risk policy: start a default draft, revise the approved demo
// policy into its next version, change a cell of the acceptability matrix (a bad value is refused
// next to its field), approve it with the signature dialog, then preview and confirm the move of
// the demo risk file to the new version.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, closeDemo, login, openDemo, users } from './harness.mjs';

const WORDS = ['acceptable', 'investigate', 'unacceptable'];

describe('risk policy editor', () => {
  let server, browser, page, fileId;
  // The cell of the demo file's heat map that the revision changes.
  const cell = { severity: '', probability: '', before: '', after: '' };
  let draftUrl = '';

  before(async () => {
    ({ server, browser, page, fileId } = await openDemo());
    await login(page, users.riskManager);
  });
  after(() => closeDemo({ server, browser, page }));

  test('the list shows every version with its status and scales', async () => {
    await page.getByRole('link', { name: 'Risk policies' }).click();
    await page.waitForURL('**/policies');
    const rows = await page.locator('#policy-table tbody tr').evaluateAll(
      (trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    assert.ok(rows.length >= 1, JSON.stringify(rows));
    const [name, version, status, scales] = rows[0];
    assert.equal(name, 'Default 5 x 5 risk policy');
    assert.equal(version, '1');
    assert.equal(status, 'approved');
    assert.match(scales, /5 severity × 5 probability levels/);
  });

  test('a new draft starts from the default 5 x 5 scales', async () => {
    await Promise.all([
      page.waitForURL(/\/policies\/[0-9a-f-]+$/),
      page.getByRole('button', { name: 'New draft policy (5 × 5)' }).click(),
    ]);
    assert.equal(await page.locator('#policy-status').innerText(), 'draft');
    assert.equal(await page.locator('#severity-table tbody tr').count(), 5);
    assert.equal(await page.locator('#probability-table tbody tr').count(), 5);
    assert.equal(await page.locator('#policy-matrix tbody select').count(), 25);
    // The ranges of the probability levels are shown.
    assert.match(await page.locator('#probability-table tbody tr').first().innerText(), /0 ≤ p </);
  });

  test('revise the approved policy and change a cell of its matrix', async () => {
    // A cell of the demo file's heat map that holds estimates, so the move has something to show.
    await page.goto(`/files/${fileId}?tab=matrix`);
    const occupied = page.locator('figure', { hasText: 'Before risk control' })
      .locator('g.cell:not([data-count="0"])').first();
    cell.severity = await occupied.getAttribute('data-severity');
    cell.probability = await occupied.getAttribute('data-probability');

    await page.goto('/policies');
    await page.locator('#policy-table tbody tr', { hasText: 'approved' }).first().getByRole('link').click();
    await page.waitForURL(/\/policies\/[0-9a-f-]+$/);
    await Promise.all([
      page.waitForURL(/\/policies\/[0-9a-f-]+$/),
      page.getByRole('button', { name: 'Start the next version as a draft' }).click(),
    ]);
    draftUrl = page.url();
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /\(version 2\)/);
    assert.equal(await page.locator('#policy-status').innerText(), 'draft');

    const select = page.locator(`#cell-${cell.severity}-${cell.probability}`);
    cell.before = await select.inputValue();
    cell.after = cell.before === 'acceptable' ? 'unacceptable' : 'acceptable';
    assert.ok(WORDS.includes(cell.before), cell.before);

    // A level without a name is refused, the error next to that field, and nothing is saved.
    const name1 = page.getByLabel('Name of severity level 1');
    const original = await name1.inputValue();
    await name1.fill('');
    await select.selectOption(cell.after);
    await page.getByRole('button', { name: 'Save draft' }).click();
    const error = page.locator('#sev-1-name-error');
    await error.waitFor();
    assert.match(await error.innerText(), /\S/);
    assert.equal(await page.getByLabel('Name of severity level 1').getAttribute('aria-invalid'), 'true');
    // The values sent are kept for the next try.
    assert.equal(await page.locator(`#cell-${cell.severity}-${cell.probability}`).inputValue(), cell.after);

    await page.getByLabel('Name of severity level 1').fill(original);
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.getByRole('button', { name: 'Save draft' }).click(),
    ]);
    assert.match(await page.locator('#flash').innerText(), /saved/);
    const td = page.locator(`#policy-matrix td[data-severity="${cell.severity}"][data-probability="${cell.probability}"]`);
    assert.equal((await td.locator('.badge').innerText()).trim(), cell.after);
  });

  test('approve the draft with the signature dialog', async () => {
    await page.getByRole('button', { name: 'Approve and sign this version…' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Meaning of the signature').selectOption('approval');
    // The session's first signature: the e-mail and the password (21 CFR 11.200(a)(1)).
    await dialog.getByLabel('Your e-mail').fill(users.riskManager);
    await dialog.getByLabel('Your password').fill('not my password');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    dialog = page.getByRole('dialog');
    await dialog.locator('.field-error').waitFor();
    assert.equal(await page.locator('#policy-status').innerText(), 'draft');

    await dialog.getByLabel('Your e-mail').fill(users.riskManager);
    await dialog.getByLabel('Your password').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL(draftUrl),
      dialog.getByRole('button', { name: 'Sign' }).click(),
    ]);
    assert.equal(await page.locator('#policy-status').innerText(), 'approved');
    const signature = await page.locator('.signature').first().innerText();
    assert.match(signature, /Signed by Mei Chen on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, meaning: approval/);
    // Approved: the grid shows words, no field is left to edit.
    assert.equal(await page.locator('main select, main textarea, main input[type=text]').count(), 0);
    const td = page.locator(`#policy-matrix td[data-severity="${cell.severity}"][data-probability="${cell.probability}"]`);
    assert.equal((await td.innerText()).trim(), cell.after);
    assert.equal(await page.locator('#policy-matrix tbody td').count(), 25);
    // Later signatures in this session take the password alone.
    await page.goto(`/files/${fileId}?tab=overall`);
    assert.equal(await page.getByLabel('Your e-mail').count(), 0);
    assert.equal(await page.getByLabel('Your password').count(), 1);
  });

  test('preview the move of a risk file to the new version, then confirm it', async () => {
    await page.goto(`/files/${fileId}`);
    await page.getByRole('link', { name: 'Move to another version…' }).click();
    await page.waitForURL(/policy-migration/);
    await page.getByLabel('Policy version to move to').selectOption({ label: 'Default 5 x 5 risk policy (version 2)' });
    await Promise.all([
      page.waitForURL(/to=/),
      page.getByRole('button', { name: 'Preview the changes' }).click(),
    ]);
    const rows = await page.locator('#migration-changes tbody tr').evaluateAll(
      (trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    assert.ok(rows.length >= 1, 'the occupied cell changed, so some estimate must change');
    assert.match(await page.locator('#migration-summary').innerText(), new RegExp(`^${rows.length} estimates change`));
    for (const [, , before, afterWord] of rows) {
      assert.equal(before, cell.before);
      assert.equal(afterWord, cell.after);
    }

    // Confirming needs a rationale and the password again.
    await page.getByLabel('Rationale').fill('Version 2 of the policy tightens the matrix.');
    await page.getByLabel('Your password').fill('not my password');
    await page.getByRole('button', { name: 'Move the file to this version' }).click();
    await page.locator('#migrate-password-error').waitFor();
    await page.getByLabel('Your password').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL(/tab=matrix/),
      page.getByRole('button', { name: 'Move the file to this version' }).click(),
    ]);
    assert.match(await page.locator('.file-head').innerText(), /Default 5 x 5 risk policy, version 2 \(approved\)/);
  });
});
