// What every browser test needs: a riskloop server on a fresh demo database in a temporary
// directory, headless Chromium, and logging in the way a person does.
//
// The riskloop binary comes from RISKLOOP_BIN (CTest passes $<TARGET_FILE:riskloop>); Chromium
// from RISKLOOP_CHROMIUM (default: Debian's /usr/bin/chromium).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const DEMO_PASSWORD = 'browser-test-demo-password';
export const ADMIN_PASSWORD = 'browser-test-admin-password';
export const users = {
  admin: 'admin@corvane.example',
  riskManager: 'mei.chen@corvane.example',
  engineer: 'tomasz.nowak@corvane.example',
  quality: 'priya.raman@corvane.example',
  auditor: 'hugo.laurent@corvane.example',
};

const run = promisify(execFile);

export function riskloopBinary() {
  const bin = process.env.RISKLOOP_BIN;
  if (!bin) throw new Error('set RISKLOOP_BIN to the riskloop binary (CTest does)');
  return bin;
}

// The environment of every riskloop command: known demo passwords, cheap hashing (tests only).
function commandEnv() {
  return {
    ...process.env,
    RISKLOOP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RISKLOOP_DEMO_PASSWORD: DEMO_PASSWORD,
    RISKLOOP_PASSWORD_COST: 'minimal',
  };
}

// Runs `riskloop <args...>` on the server's database; resolves to its standard output.
export async function riskloop(server, ...args) {
  const { stdout } = await run(riskloopBinary(), [...args, '--db', server.db], {
    env: commandEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

// The demo risk file (the stent system's) and its product, from `riskloop file list`.
export async function demoFile(server) {
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const rows = (await riskloop(server, 'file', 'list')).split('\n').slice(1);
  const ids = rows.map((r) => r.match(uuid)).find((m) => m && m.length >= 2);
  if (!ids) throw new Error('the demo database has no risk file');
  return { fileId: ids[0], productId: ids[1] };
}

// A server on a free loopback port with the demo organization. Call stop() when done.
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'riskloop-browser-'));
  const db = join(dir, 'riskloop.db');
  await run(riskloopBinary(), ['init', '--db', db, '--demo'], { env: commandEnv() });
  const child = spawn(riskloopBinary(), ['serve', '--db', db, '--listen', '127.0.0.1:0'], {
    env: commandEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}${log}`)), 15000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /riskloop listening on (http:\/\/\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}${log}`));
    });
  });
  child.removeAllListeners('exit');
  const server = {
    url, db, dir,
    exited: false,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const done = new Promise((resolve) => child.on('exit', resolve));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  child.on('exit', (code, signal) => {
    server.exited = true;
    if (code !== 0) process.stderr.write(`riskloop serve exited (${code ?? signal}):\n${log}\n`);
  });
  return server;
}

export async function launchBrowser() {
  const args = [];
  // Chromium refuses to run as root with its sandbox (CI containers run as root).
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({
    executablePath: process.env.RISKLOOP_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
  });
}

// A new page at 1280x900 that fails the test on a page error or an alert/confirm dialog (the
// hostile-string checks rely on that), and collects console errors.
export async function newPage(browser, server) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  // Pages answer in well under a second; a missing element should fail fast, not after 30 s.
  page.setDefaultTimeout(10000);
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => {
    page.problems.push(`unexpected ${d.type()} dialog: ${d.message()}`);
    await d.dismiss();
  });
  if (process.env.RISKLOOP_TEST_DEBUG) {
    page.on('response', (r) => console.error(`  ${r.status()} ${r.request().method()} ${r.url()}`));
  }
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium (and htmx, for its requests) log every 4xx answer as an error. A form sent back
    // with its errors (422), a wrong signing password (401), a refused action (403) or a stale
    // version (409) or a list filter that cannot be read (400) is the page working as meant, and
    // the tests that cause one assert it; a 404 or 5xx stays a problem.
    if (/^(Failed to load resource: the server responded with a status of|Response Status Error Code) (400|401|403|409|422)\b/.test(m.text())) return;
    page.problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  return page;
}

// Logs in through the form and waits for the dashboard.
export async function login(page, email, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL('**/dashboard'),
    page.getByRole('button', { name: 'Log in' }).click(),
  ]);
}

// A fresh server with the demo data, a browser and a page on it, and the demo risk file's ids.
export async function openDemo() {
  const server = await startServer();
  const browser = await launchBrowser();
  const page = await newPage(browser, server);
  return { server, browser, page, ...(await demoFile(server)) };
}

// Closes what openDemo opened; the page must have seen no unexpected errors.
export async function closeDemo({ server, browser, page }) {
  await browser?.close();
  await server?.stop();
  if (page?.problems?.length) throw new Error(`page problems: ${page.problems.join('; ')}`);
}
