// A small harness for the end-to-end tests: starts the real portal binary, drives Debian's
// Chromium through playwright-core (never a downloaded browser), runs axe-core in the page. The
// test files (tests/<area>.mjs) register their tests here; run.mjs runs them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const screenshotDir = join(here, 'screenshots');
export const portalBin = resolve(webDir, process.env.PORTAL_BIN ?? '../build/bin/portal');
export const webDist = resolve(webDir, process.env.WEB_DIST ?? 'dist');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * The cheapest password hashing the server accepts (its documented floors). Only for tests that
 * create users by the thousand, where the default cost would take a minute of CPU.
 */
export const FAST_PASSWORD_HASHING = { PORTAL_ARGON2_MEMORY_KIB: '19456', PORTAL_ARGON2_ITERATIONS: '2' };
const DEMO_LINE = /demo account: role=(\w+) email=(\S+) password=(\S+)/;
// Demo only: the built-in emulator's URL and its own fake admin key (to read its key values).
const EMULATOR_LINE = /demo emulator: url=(\S+) admin_key=(\S+)/;

/**
 * Starts `portal serve` on a fresh data directory and a free port; resolves once it answers HTTP.
 * With demo: true, also waits for the demo account lines and returns them. `env` adds PORTAL_*
 * settings (e.g. FAST_PASSWORD_HASHING).
 */
export async function startPortal({ demo, env = {} }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-'));
  const port = await freePort();
  const args = ['serve', ...(demo ? ['--demo'] : []), '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, '--web-dir', webDist];
  const child = spawn(portalBin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const accounts = [];
  let emulator = null;
  let output = '';
  let exited = null;
  const onData = (chunk) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split('\n')) {
      const m = DEMO_LINE.exec(line);
      if (m) accounts.push({ role: m[1], email: m[2], password: m[3] });
      const e = EMULATOR_LINE.exec(line);
      if (e) emulator = { url: e[1], adminKey: e[2] };
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', (c) => (output += c.toString()));
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  let ready = false;
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/setup`);
      if (res.status < 500) {
        ready = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  if (demo) {
    const until = Date.now() + 10_000;
    while (Date.now() < until && !['SuperAdmin', 'Admin', 'User'].every((r) => accounts.some((a) => a.role === r))) await sleep(100);
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  if (!ready) {
    await stop();
    throw new Error(`portal did not start (${exited ? `exited ${JSON.stringify(exited)}` : 'timeout'}):\n${output.slice(-2000)}`);
  }
  if (demo && !['SuperAdmin', 'Admin', 'User'].every((r) => accounts.some((a) => a.role === r))) {
    await stop();
    throw new Error(`portal --demo printed no 'demo account: role=… email=… password=…' line for every role:\n${output.slice(-2000)}`);
  }
  return { baseUrl, accounts, emulator: () => emulator, stop, output: () => output };
}

/** The emulator's keys with their full values (emulator-only endpoint, demo mode). */
export async function emulatorKeys(portal) {
  const emu = portal.emulator();
  if (!emu) throw new Error(`portal --demo printed no 'demo emulator: url=… admin_key=…' line:\n${portal.output().slice(-1500)}`);
  const res = await fetch(`${emu.url}/_emulator/keys`, { headers: { 'x-api-key': emu.adminKey } });
  if (!res.ok) throw new Error(`GET /_emulator/keys: ${res.status}`);
  return res.json();
}

/** A standalone `portal emulator` (for the onboarding wizard's real admin key step); a seed file fixes its data. */
export async function startEmulator(adminKey, { seedFile } = {}) {
  const args = ['emulator', '--listen', '127.0.0.1:0', '--admin-key', adminKey, ...(seedFile ? ['--seed-file', seedFile] : [])];
  const child = spawn(portalBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 10_000);
    const onData = (c) => {
      output += c.toString();
      const m = /emulator listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`emulator exited:\n${output}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await sleep(100);
  };
  return { url, stop };
}

export function account(portal, role) {
  const a = portal.accounts.find((x) => x.role === role);
  if (!a) throw new Error(`no demo account for ${role}`);
  return a;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page) {
  // Evaluated through the DevTools protocol, so the server's strict CSP (script-src 'self') stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  // Finish MUI's fade and grow transitions first, so that dialogs and menus are caught fully drawn.
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// --- the registry -----------------------------------------------------------------------------
const registered = [];

/** `const test = suite('layout')`, then `test(name, fn)`: the area names the file and every result line. */
export function suite(area) {
  return (name, fn) => registered.push({ area, name, fn });
}

export function registeredTests() {
  return registered;
}

// --- the browser ------------------------------------------------------------------------------
let browser = null;

export async function launchBrowser() {
  browser ??= await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
  browser = null;
}

/** The windows the tests use: a wide screen (the default), a laptop and a phone. */
export const VIEWPORTS = {
  wide: { width: 1360, height: 900 },
  laptop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/** A fresh browser context (of `viewport`, default VIEWPORTS.wide) with the console watched for React's update-loop error. */
export async function newPage(baseUrl, { viewport = VIEWPORTS.wide } = {}) {
  const context = await (await launchBrowser()).newContext({ baseURL: baseUrl, locale: 'ja-JP', viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const assertNoLoop = () => assert(!consoleErrors.some((e) => /Maximum update depth/.test(e)), `React update loop: ${consoleErrors.join('\n')}`);
  return { context, page, consoleErrors, assertNoLoop };
}

// --- the demo portal, shared by the tests that only read it or add their own rows -------------
let demo = null;

export const demoPortal = async () => (demo ??= await startPortal({ demo: true }));

export async function stopDemoPortal() {
  await demo?.stop();
  demo = null;
}

// --- what every area does -----------------------------------------------------------------------
export const TABS = ['ダッシュボード', '組織管理', 'ワークスペース管理', 'APIキー管理', 'ユーザー管理', '利用状況', 'プロンプト管理'];
export const EXPECTED_TABS = { SuperAdmin: TABS, Admin: TABS, User: ['ダッシュボード', '利用状況', 'プロンプト管理'] };

export async function expectA11y(page, screen) {
  const v = await seriousA11yViolations(page);
  assert(v.length === 0, `axe on ${screen}: ${v.length} serious/critical violations:\n${JSON.stringify(v, null, 2)}`);
}

export async function login(page, { email, password }) {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { level: 1, name: /^ようこそ、/ }).waitFor();
}

/** Waits for the page's dialog to close; a screenshot and its text when it stays open. */
export async function dialogClosed(page, what) {
  const dialog = page.getByRole('dialog');
  try {
    await dialog.waitFor({ state: 'detached' });
  } catch (e) {
    await screenshot(page, `${what}-failed`);
    throw new Error(`${what}: the dialog stayed open: ${await dialog.textContent()}`, { cause: e });
  }
}

/** Opens a tab of the navigation and waits for its heading. */
export async function openTab(page, name) {
  await page.getByRole('navigation').getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Waits until a field (a picker's input) shows `value`: an input's text is not in the page's text. */
export async function fieldShows(field, value) {
  const handle = await field.elementHandle();
  await field.page().waitForFunction(([input, wanted]) => input.value === wanted, [handle, value], { timeout: 15_000 });
}

export async function navTabs(page) {
  return page.getByRole('navigation').getByRole('link').allTextContents();
}

export async function openUserMenuItem(page, name) {
  await page.getByRole('button', { name: 'ユーザーメニュー' }).click();
  await page.getByRole('menuitem', { name }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

export { existsSync, sleep };
