// An auditor reads everything and changes nothing: no screen offers a form or button that would
// change a record, and the API refuses a write with 403 even with a valid session and CSRF token.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeDemo, login, openDemo, users } from './harness.mjs';

// Forms and controls an auditor may use: logging out, their own password, switching organization,
// and GET forms (filters, search).
const ALLOWED_ACTIONS = ['/logout', '/account/password', '/account/organization', '/account/language'];

// What on the current page could change state: POST forms, htmx writes, edit buttons, dialogs.
async function editControls(page) {
  return page.evaluate((allowed) => {
    const found = [];
    for (const form of document.querySelectorAll('form')) {
      const method = (form.getAttribute('method') || 'get').toLowerCase();
      const action = new URL(form.getAttribute('action') || location.href, location.href).pathname;
      if (method !== 'get' && !allowed.includes(action)) found.push(`form ${method} ${action}`);
    }
    for (const el of document.querySelectorAll('[hx-post], [hx-put], [hx-patch], [hx-delete]')) {
      found.push(`htmx write ${el.outerHTML.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll('[hx-get*="/edit"], [data-dialog]')) {
      found.push(`editor ${el.outerHTML.slice(0, 120)}`);
    }
    for (const a of document.querySelectorAll('a[href$="/import"]')) {
      found.push(`import link ${a.getAttribute('href')}`);
    }
    return found;
  }, ALLOWED_ACTIONS);
}

describe('auditor', () => {
  let server, browser, page, fileId, productId;

  before(async () => {
    ({ server, browser, page, fileId, productId } = await openDemo());
  });
  after(() => closeDemo({ server, browser, page }));

  test('log in as auditor', async () => {
    await login(page, users.auditor);
    assert.match(await page.locator('.read-only-notice').innerText(), /read-only/);
  });

  test('no screen offers an edit control', async () => {
    const tabs = ['matrix', 'plan', 'hazards', 'situations', 'harms', 'risks', 'controls', 'benefit-risk', 'overall',
      'gates', 'reviews', 'report'];
    const screens = ['/dashboard', '/products', `/products/${productId}`,
      ...tabs.map((t) => `/files/${fileId}?tab=${t}`), '/operational-risks', '/journal', '/policies',
      `/files/${fileId}/policy-migration`];
    for (const url of screens) {
      const response = await page.goto(url);
      assert.equal(response.status(), 200, url);
      assert.deepEqual(await editControls(page), [], url);
    }
    // One operational risk, opened from the register.
    await page.goto('/operational-risks');
    const risk = await page.locator('main a[href^="/operational-risks/"]').first().getAttribute('href');
    if (risk) {
      assert.equal((await page.goto(risk)).status(), 200, risk);
      assert.deepEqual(await editControls(page), [], risk);
    }
    // A policy version, opened from the list.
    await page.goto('/policies');
    const policy = await page.locator('main a[href^="/policies/"]').first().getAttribute('href');
    assert.equal((await page.goto(policy)).status(), 200, policy);
    assert.deepEqual(await editControls(page), [], policy);
    assert.equal(await page.locator('main select, main textarea, main input:not([type=hidden])').count(), 0, policy);
    const importPage = await page.goto(`/files/${fileId}/import`);
    assert.equal(importPage.status(), 403);
  });

  test('the journal names every record and can be narrowed to one risk file', async () => {
    await page.goto(`/journal?about=${fileId}`);
    const records = await page.locator('#journal-table tbody td:nth-child(5)').allInnerTexts();
    assert.ok(records.length > 5, `${records.length} rows about the demo file`);
    // "gate decision: 01a2f3c4…" would say nothing to a reader: each row names its record.
    const unnamed = records.filter((r) => /:\s*([0-9a-f]{8}…)?$/.test(r.trim()));
    assert.deepEqual(unnamed, []);
    for (const kind of ['gate decision', 'control link', 'residual estimate']) {
      assert.ok(records.some((r) => r.startsWith(kind)), `a ${kind} of the file is listed`);
    }
    // Another file's items are not: the filter keeps to the chosen file.
    const files = await page.locator('#j-about option').allInnerTexts();
    assert.ok(files.some((f) => f.startsWith('Risk file: ')));
    // Updates say what they changed.
    const changes = await page.locator('#journal-table ul.changes li').allInnerTexts();
    for (const c of changes) assert.match(c, /^.+: /);
  });

  test('the API refuses a write with 403', async () => {
    await page.goto('/dashboard');
    const csrf = JSON.parse(await page.locator('body').getAttribute('hx-headers'))['X-CSRF-Token'];
    assert.ok(csrf);
    const response = await page.request.post('/api/v1/products', {
      headers: { 'X-CSRF-Token': csrf },
      data: { name: 'Auditor product', family: 'none', model: 'x' },
    });
    assert.equal(response.status(), 403);
    const problem = await response.json();
    assert.equal(problem.code, 'forbidden');
    // The same session may read.
    const read = await page.request.get('/api/v1/products');
    assert.equal(read.status(), 200);
  });
});
