// Keyboard and screen-reader basics, and the Content-Security-Policy: the login form works with
// the keyboard alone, every form field of every screen has a label, and no page allows inline
// scripts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ADMIN_PASSWORD, DEMO_PASSWORD, closeDemo, login, newPage, openDemo, users } from './harness.mjs';

// Fields without an accessible name: no <label for>, no wrapping label, no aria-label(ledby).
async function unlabelledFields(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const labelled = (el.labels && el.labels.length > 0 &&
                        [...el.labels].some((l) => l.textContent.trim() !== '')) ||
        (el.getAttribute('aria-label') || '').trim() !== '' ||
        (el.getAttribute('aria-labelledby') || '').split(/\s+/).some(
          (id) => id && document.getElementById(id)?.textContent.trim());
      if (!labelled) out.push(el.outerHTML.slice(0, 160));
    }
    return out;
  });
}

function checkCsp(response, url) {
  const csp = response.headers()['content-security-policy'];
  assert.ok(csp, `${url}: no Content-Security-Policy header`);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/))
    .filter((d) => d[0]).map(([name, ...values]) => [name, values]));
  const scripts = directives['script-src'] ?? directives['default-src'];
  assert.ok(scripts, `${url}: CSP has neither script-src nor default-src: ${csp}`);
  assert.ok(!scripts.includes("'unsafe-inline'"), `${url}: CSP allows inline scripts: ${csp}`);
  assert.ok(!scripts.includes("'unsafe-eval'"), `${url}: CSP allows eval: ${csp}`);
}

describe('accessibility and CSP', () => {
  let server, browser, page, fileId, productId;

  before(async () => {
    ({ server, browser, page, fileId, productId } = await openDemo());
  });
  after(() => closeDemo({ server, browser, page }));

  test('log in with the keyboard alone', async () => {
    const response = await page.goto('/login');
    checkCsp(response, '/login');
    assert.deepEqual(await unlabelledFields(page), []);
    // The e-mail field has the focus on arrival; Tab goes on to the password, the organization
    // and the button, and Enter logs in.
    const focused = () => page.evaluate(() => {
      const el = document.activeElement;
      return el?.id || (el?.tagName === 'BUTTON' ? `button:${el.textContent.trim()}` : el?.tagName);
    });
    assert.equal(await focused(), 'login-email');
    await page.keyboard.type(users.riskManager);
    const reached = [];
    for (let i = 0; i < 6 && reached.at(-1) !== 'button:Log in'; ++i) {
      await page.keyboard.press('Tab');
      reached.push(await focused());
      if (reached.at(-1) === 'login-password') await page.keyboard.type(DEMO_PASSWORD);
    }
    assert.deepEqual(reached, ['login-password', 'login-org', 'button:Log in']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'login-password');
    await Promise.all([page.waitForURL('**/dashboard'), page.keyboard.press('Enter')]);
    // The first Tab on a page goes to the skip link, which moves focus to the main content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()),
      'Skip to main content');
  });

  test('every form field has a label and every page has a strict CSP', async () => {
    const tabs = ['matrix', 'plan', 'hazards', 'situations', 'harms', 'risks', 'controls', 'benefit-risk', 'overall',
      'gates', 'reviews', 'report'];
    const screens = ['/dashboard', '/products', `/products/${productId}`,
      ...tabs.map((t) => `/files/${fileId}?tab=${t}`), `/files/${fileId}/import`,
      '/operational-risks', '/journal', '/account/password', '/policies',
      `/files/${fileId}/policy-migration`];
    const problems = [];
    for (const url of screens) {
      const response = await page.goto(url);
      assert.equal(response.status(), 200, url);
      checkCsp(response, url);
      for (const field of await unlabelledFields(page)) problems.push(`${url}: ${field}`);
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('script:not([src])')].length +
        [...document.querySelectorAll('*')].filter((el) =>
          [...el.attributes].some((a) => a.name.startsWith('on'))).length);
      assert.equal(inline, 0, `${url}: inline script or event handler attribute`);
    }
    assert.deepEqual(problems, []);
  });

  // The README's picture of the demo stent risk file, written only when asked for.
  test('screenshot of the risk file page', { skip: !process.env.RISKLOOP_SCREENSHOT_DIR }, async () => {
    await page.goto(`/files/${fileId}?tab=matrix`);
    await page.locator('figure svg').first().waitFor();
    await page.screenshot({ path: join(process.env.RISKLOOP_SCREENSHOT_DIR, 'risk-file.png') });
  });

  test('switching tabs with the keyboard keeps focus on the tab list', async () => {
    await page.goto(`/files/${fileId}?tab=matrix`);
    await page.locator('#file-tabs a', { hasText: 'Controls' }).focus();
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForURL(/tab=controls/);
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      current: document.activeElement?.getAttribute('aria-current'),
    }));
    assert.deepEqual(focused, { text: 'Controls', current: 'page' });
    // The next Tab press reaches the next tab, not the skip link at the top of the page.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('#file-tabs') !== null), true);
  });

  test('a long unbroken text does not widen the page', async () => {
    await page.goto(`/files/${fileId}?tab=hazards`);
    await page.evaluate(() => {
      const cell = document.querySelector('main td') ?? document.querySelector('main p');
      cell.textContent = 'x'.repeat(5000);
    });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const viewport = page.viewportSize().width;
    assert.ok(width <= viewport + 1, `page is ${width} px wide in a ${viewport} px window`);
  });

  test('the policy editor, the migration preview and the admin screens have labels', async () => {
    await page.goto('/policies');
    await Promise.all([
      page.waitForURL(/\/policies\/[0-9a-f-]+$/),
      page.getByRole('button', { name: 'New draft policy (5 × 5)' }).click(),
    ]);
    assert.ok(await page.locator('#policy-matrix select').count() > 0);
    assert.deepEqual(await unlabelledFields(page), [], page.url());
    await page.goto(`/files/${fileId}/policy-migration`);
    // The demo has one approved version, so there is nothing to move to unless a test approved one.
    if (await page.locator('#migrate-to option').count() > 0) {
      const target = await page.locator('#migrate-to option').first().getAttribute('value');
      await page.goto(`/files/${fileId}/policy-migration?to=${encodeURIComponent(target)}`);
      assert.deepEqual(await unlabelledFields(page), [], page.url());
    }
    const admin = await newPage(browser, server);
    await login(admin, users.admin, ADMIN_PASSWORD);
    for (const url of ['/admin/users', '/admin/tokens']) {
      const response = await admin.goto(url);
      assert.equal(response.status(), 200, url);
      checkCsp(response, url);
      assert.deepEqual(await unlabelledFields(admin), [], url);
    }
    assert.deepEqual(admin.problems, []);
    await admin.context().close();
  });

  test('the edit form opened in place has labels too', async () => {
    await page.goto(`/files/${fileId}?tab=hazards`);
    await page.locator('#hazard-table button', { hasText: 'Edit' }).first().click();
    await page.locator('#hazard-table tr.editing form').waitFor();
    assert.deepEqual(await unlabelledFields(page), []);
  });
});
