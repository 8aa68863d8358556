// Generates src/lib/api-schema.gen.ts, the TypeScript types of docs/api/openapi.yaml, with
// openapi-typescript (npm run gen:api). With --check it writes nothing and fails when the checked-in
// file differs from what the document generates now (npm run check:api): the document changed and
// nobody regenerated, so the compile-time contract checks in src/ would test a stale copy.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const documentUrl = new URL('../../docs/api/openapi.yaml', import.meta.url);
const targetPath = fileURLToPath(new URL('../src/lib/api-schema.gen.ts', import.meta.url));
const check = process.argv.includes('--check');

const HEADER = `// Generated from docs/api/openapi.yaml by openapi-typescript (scripts/gen-api.mjs): do not edit.
// Regenerate with \`npm run gen:api\`; \`npm run check:api\` fails when this file is stale.

`;

// emptyObjectsUnknown: a free-form object (AuditEvent.details) is Record<string, unknown>, not
// Record<string, never>.
const ast = await openapiTS(documentUrl, { emptyObjectsUnknown: true, silent: true });
const generated = HEADER + astToString(ast);

if (!check) {
  writeFileSync(targetPath, generated);
  console.log(`wrote ${targetPath}`);
} else {
  let current = null;
  try {
    current = readFileSync(targetPath, 'utf8');
  } catch {
    current = null;
  }
  if (current !== generated) {
    const fresh = join(mkdtempSync(join(tmpdir(), 'api-schema-')), 'api-schema.gen.ts');
    writeFileSync(fresh, generated);
    console.error(
      current === null
        ? `check:api: ${targetPath} is missing. Run \`npm run gen:api\` in web/ and commit the result.`
        : `check:api: src/lib/api-schema.gen.ts is out of date with docs/api/openapi.yaml.\n` +
            `  Run \`npm run gen:api\` in web/, then \`npx tsc --noEmit\` to see which app types no longer match, and commit both.\n` +
            `  What the document generates now: ${fresh}\n` +
            `  diff -u src/lib/api-schema.gen.ts ${fresh}`,
    );
    process.exit(1);
  }
  console.log('check:api: src/lib/api-schema.gen.ts matches docs/api/openapi.yaml');
}
