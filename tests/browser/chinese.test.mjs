// A Chinese reader's riskloop: the Language menu switches every screen to Simplified Chinese, and
// no screen still shows a text of the English catalogue (po/zh_CN.po: every English msgid whose
// translation differs) as a whole text, a label or an accessible name. Then back to English.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, users, login, openDemo, closeDemo } from './harness.mjs';

// The English texts that Chinese pages must not show: every msgid of po/zh_CN.po whose msgstr is
// another text (a few, like "P1 / P2", are the same in both languages).
function englishTexts() {
  const po = readFileSync(fileURLToPath(new URL('../../po/zh_CN.po', import.meta.url)), 'utf8');
  const unquote = (s) => JSON.parse(s);
  const texts = new Set();
  for (const m of po.matchAll(/^msgid (".*")\nmsgstr (".*")$/gm)) {
    const [id, str] = [unquote(m[1]), unquote(m[2])];
    if (id && str && id !== str) texts.add(id.trim());
  }
  // Data, not interface: the demo's hazards have the free-text category "manufacturing", which
  // is also a stage's name.
  texts.delete('manufacturing');
  return [...texts];
}

// Whole texts of the page (text nodes, accessible names, placeholders) that are English catalogue
// texts.
async function englishOn(page, texts) {
  return page.evaluate((texts) => {
    const english = new Set(texts);
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, textarea, [hidden]')) continue;
      const text = n.textContent.trim();
      if (english.has(text)) found.push(`text "${text}" in <${parent.tagName.toLowerCase()}>`);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = (el.getAttribute(a) || '').trim();
        if (english.has(v)) found.push(`${a} "${v}"`);
      }
    }
    return found;
  }, texts);
}

describe('Chinese user interface', () => {
  let server, browser, page, fileId, productId;
  const texts = englishTexts();

  before(async () => {
    ({ server, browser, page, fileId, productId } = await openDemo());
  });
  after(() => closeDemo({ server, browser, page }));

  test('the Language menu switches to Simplified Chinese and keeps the choice', async () => {
    assert.ok(texts.length > 300, `only ${texts.length} catalogue texts`);
    await login(page, users.admin, ADMIN_PASSWORD);
    await page.goto('/products');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await Promise.all([page.waitForURL('**/products'), page.getByRole('button', { name: 'Set' }).click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('h1').first().innerText(), '产品');
    assert.match(await page.title(), /^产品 · riskloop$/);
  });

  test('no screen shows a text of the English catalogue', async () => {
    const tabs = ['matrix', 'plan', 'hazards', 'situations', 'harms', 'risks', 'controls', 'benefit-risk',
      'overall', 'gates', 'reviews', 'report'];
    const screens = ['/dashboard', '/products', `/products/${productId}`,
      ...tabs.map((t) => `/files/${fileId}?tab=${t}`), `/files/${fileId}/import`, '/operational-risks',
      '/suppliers', '/journal', '/policies', `/files/${fileId}/policy-migration`, '/admin/users',
      '/admin/tokens', '/account/password'];
    const policy = await (async () => {
      await page.goto('/policies');
      return page.locator('main a[href^="/policies/"]').first().getAttribute('href');
    })();
    screens.push(policy);
    const problems = [];
    for (const url of screens) {
      const response = await page.goto(url);
      assert.equal(response.status(), 200, url);
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN', url);
      for (const found of await englishOn(page, texts)) problems.push(`${url}: ${found}`);
    }
    assert.deepEqual(problems, []);
  });

  test('"As the browser asks" returns to the browser\'s English', async () => {
    await page.goto('/dashboard');
    await page.getByLabel('语言').selectOption('');
    await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: '设定' }).click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1').first().innerText(), 'Dashboard');
  });
});
