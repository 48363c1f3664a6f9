/**
 * What redaction costs a browser bundle: esbuild (minified ESM, browser) of a tiny entry that
 * imports `@support-bot/core/redact`, and of entries that import libphonenumber-js's text
 * finder with each of its metadata sets; raw and gzip bytes.
 *   pnpm --filter @support-bot/server-adapter exec node --import tsx bench/redaction-size.ts \
 *     [--redact path/to/core/src/redact/index.ts]   (another checkout's redact, e.g. main's)
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    redact: {
      type: 'string',
      default: fileURLToPath(new URL('../../core/src/redact/index.ts', import.meta.url)),
    },
  },
});

async function size(contents: string): Promise<{ raw: number; gzip: number }> {
  const out = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const entries: [string, string][] = [
  [
    `redactPII (${values.redact})`,
    `import { redactPII } from ${JSON.stringify(values.redact)}; globalThis.r = redactPII;`,
  ],
  [
    'libphonenumber-js/min findPhoneNumbersInText',
    `import { findPhoneNumbersInText } from 'libphonenumber-js/min'; globalThis.f = findPhoneNumbersInText;`,
  ],
  [
    'libphonenumber-js/mobile findPhoneNumbersInText',
    `import { findPhoneNumbersInText } from 'libphonenumber-js/mobile'; globalThis.f = findPhoneNumbersInText;`,
  ],
  [
    'libphonenumber-js/max findPhoneNumbersInText',
    `import { findPhoneNumbersInText } from 'libphonenumber-js/max'; globalThis.f = findPhoneNumbersInText;`,
  ],
];
console.log('| bundle (esbuild, minified ESM) | bytes | gzip -9 bytes |');
console.log('| --- | ---: | ---: |');
for (const [name, contents] of entries) {
  const s = await size(contents);
  console.log(`| ${name} | ${s.raw} | ${s.gzip} |`);
}
