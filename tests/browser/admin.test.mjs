// The administrator's screens: the organization's users (add a member, change a role, deactivate)
// and API tokens (the secret shown once, then only its prefix; revoked tokens stop working). Other
// roles get 403 and no link to them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, launchBrowser, login, newPage, startServer, users } from './harness.mjs';

const HOSTILE = '<script>alert(1)</script>';

describe('administration', () => {
  let server, browser, page;

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

  const memberRow = (email) => page.locator('#member-table tbody tr', { hasText: email });

  test('the admin sees the users of the organization with their roles', async () => {
    await login(page, users.admin, ADMIN_PASSWORD);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/admin/users');
    assert.match(await memberRow(users.riskManager).innerText(), /Mei Chen[\s\S]*risk manager[\s\S]*active/);
    assert.match(await memberRow(users.auditor).innerText(), /auditor/);
  });

  test('add a member, change the role, deactivate the account', async () => {
    const email = 'ana.ortiz@corvane.example';
    await page.getByText('Add a member').click();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Name (printed on signatures)').fill(`Ana Ortiz ${HOSTILE}`);
    await page.getByLabel('Role', { exact: true }).selectOption('engineer');
    await page.getByLabel('Initial password').fill('ana-initial-password-2026');
    await Promise.all([
      page.waitForURL('**/admin/users'),
      page.getByRole('button', { name: 'Add member' }).click(),
    ]);
    const row = memberRow(email);
    assert.match(await row.innerText(), /engineer/);
    assert.ok((await row.innerText()).includes(`Ana Ortiz ${HOSTILE}`));

    await row.getByLabel(`Role of ${email}`).selectOption('quality');
    await Promise.all([
      page.waitForURL('**/admin/users'),
      row.getByRole('button', { name: /Change role/ }).click(),
    ]);
    assert.match(await memberRow(email).locator('td').nth(2).innerText(), /^quality$/);

    await Promise.all([
      page.waitForURL('**/admin/users'),
      memberRow(email).getByRole('button', { name: /Deactivate/ }).click(),
    ]);
    assert.match(await memberRow(email).innerText(), /disabled/);

    // The deactivated account cannot log in.
    const other = await newPage(browser, server);
    await other.goto('/login');
    await other.getByLabel('E-mail').fill(email);
    await other.getByLabel('Password', { exact: true }).fill('ana-initial-password-2026');
    await other.getByRole('button', { name: 'Log in' }).click();
    await other.locator('.alert-error').waitFor();
    assert.ok(!other.url().endsWith('/dashboard'));
    await other.context().close();
  });

  test('create an API token, see its secret once, revoke it', async () => {
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL('**/admin/tokens');
    await page.getByLabel('What the token is for').fill(`ERP export ${HOSTILE}`);
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('#token-secret').innerText()).trim();
    assert.match(secret, /^\S{20,}$/);
    const row = page.locator('#token-table tbody tr', { hasText: 'ERP export' });
    assert.ok((await row.innerText()).includes(`ERP export ${HOSTILE}`));
    assert.match(await row.innerText(), /active/);

    // The token works on the API.
    // (Without the browser's session cookie: the token alone.)
    const api = (s) => fetch(`${server.url}/api/v1/products`, { headers: { Authorization: `Bearer ${s}` } });
    assert.equal((await api(secret)).status, 200);

    // Shown once: the list shows only its first characters.
    await page.goto('/admin/tokens');
    assert.equal(await page.locator('#token-secret').count(), 0);
    assert.ok(!(await page.content()).includes(secret));
    const prefix = (await page.locator('#token-table tbody tr', { hasText: 'ERP export' }).locator('code').innerText()).replace('…', '');
    assert.ok(secret.startsWith(prefix), `${prefix} is not the start of the secret`);

    await Promise.all([
      page.waitForURL('**/admin/tokens'),
      page.locator('#token-table tbody tr', { hasText: 'ERP export' }).getByRole('button', { name: /Revoke/ }).click(),
    ]);
    assert.match(await page.locator('#token-table tbody tr', { hasText: 'ERP export' }).innerText(), /revoked/);
    assert.equal((await api(secret)).status, 401);
  });

  test('other roles get 403 and no admin link', async () => {
    for (const who of [users.riskManager, users.auditor]) {
      const other = await newPage(browser, server);
      await login(other, who);
      assert.equal(await other.getByRole('link', { name: 'Admin' }).count(), 0, who);
      for (const url of ['/admin', '/admin/users', '/admin/tokens']) {
        const response = await other.goto(url);
        assert.equal(response.status(), 403, `${who} ${url}`);
        assert.equal(await other.locator('main form[method=post]').count(), 0, `${who} ${url}`);
      }
      // A valid session and CSRF token, refused for the role.
      const csrf = JSON.parse(await other.locator('body').getAttribute('hx-headers'))['X-CSRF-Token'];
      const write = await other.request.post('/admin/tokens', {
        headers: { 'X-CSRF-Token': csrf }, form: { name: 'sneaky' } });
      assert.equal(write.status(), 403, who);
      assert.deepEqual(other.problems, []);
      await other.context().close();
    }
  });
});
