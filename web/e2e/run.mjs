// End-to-end tests against the REAL server: `node e2e/run.mjs` (PORTAL_BIN overrides the binary).
// The tests live in tests/<area>.mjs, one file per area; E2E_ONLY=text runs the tests whose
// "[area] name" contains it. Closing line: "N passed, N failed".
import { execSync } from 'node:child_process';
import { chromiumPath, closeBrowser, existsSync, launchBrowser, portalBin, registeredTests, stopDemoPortal, webDir, webDist } from './harness.mjs';
import './tests/onboarding.mjs';
import './tests/session.mjs';
import './tests/import.mjs';
import './tests/profile.mjs';
import './tests/prompts.mjs';
import './tests/organizations-users-keys.mjs';
import './tests/api-keys.mjs';
import './tests/limits.mjs';
import './tests/usage.mjs';
import './tests/lists.mjs';
import './tests/layout.mjs';

const only = process.env.E2E_ONLY;

if (!existsSync(portalBin)) {
  console.error(`e2e: the portal binary is missing: ${portalBin}\n  build it first (make build) or set PORTAL_BIN.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`e2e: Chromium is missing at ${chromiumPath}: apt-get install -y chromium (never a downloaded browser).`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(`${webDist}/index.html`)) {
  console.log('e2e: web/dist is missing, building it');
  execSync('npm run --silent build', { cwd: webDir, stdio: 'inherit' });
}

let passed = 0;
let failed = 0;
const started = Date.now();
try {
  await launchBrowser();
  for (const t of registeredTests()) {
    const title = `[${t.area}] ${t.name}`;
    if (only && !title.includes(only)) continue;
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`  ✓ ${title} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(
        `  ✗ ${title} (${Date.now() - t0} ms)\n    ${String(e?.stack ?? e)
          .split('\n')
          .slice(0, 12)
          .join('\n    ')}`,
      );
    }
  }
} finally {
  await closeBrowser();
  await stopDemoPortal();
}
console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in web/e2e/screenshots/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
