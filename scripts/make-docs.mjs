// Writes the pages generated from the code: docs/errors.md (the message catalog) and
// templates/definitions/definition.schema.json (the JSON Schema of a definition file, for editors).
//   npm run docs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const out = path.join('build', 'docs', 'generate.mjs');
mkdirSync(path.dirname(out), { recursive: true });
await build({
  stdin: {
    contents: "export { errorReference, definitionJsonSchema } from './templates/src/index';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { errorReference, definitionJsonSchema } = await import(pathToFileURL(path.resolve(out)).href);
writeFileSync('docs/errors.md', errorReference());
writeFileSync(
  'templates/definitions/definition.schema.json',
  `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`,
);
console.log('已生成：docs/errors.md、templates/definitions/definition.schema.json');
