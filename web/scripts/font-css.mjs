// Regenerates src/theme/noto-sans-jp.css from @fontsource/noto-sans-jp/400.css with woff2 sources
// only (run after upgrading the package: node scripts/font-css.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const css = readFileSync(require.resolve('@fontsource/noto-sans-jp/400.css'), 'utf8');
const woff2Only = css.replace(
  /url\(\.\/files\/([^)]+)\.woff2\) format\('woff2'\), url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g,
  "url('@fontsource/noto-sans-jp/files/$1.woff2') format('woff2')",
);
if (woff2Only.includes('.woff)')) throw new Error('unexpected @font-face src in 400.css');
const header = readFileSync(new URL('../src/theme/noto-sans-jp.css', import.meta.url), 'utf8').split('*/')[0] + '*/\n';
writeFileSync(new URL('../src/theme/noto-sans-jp.css', import.meta.url), header + woff2Only);
