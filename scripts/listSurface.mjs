// Lists the public surface of each entry point of the built package (run `npm run build`
// first): the runtime exports (what `import * as m` holds) and the type-only exports (read
// from the published .d.ts by the TypeScript compiler). Prints JSON, or `--markdown` a list.
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = {
  'dockercloud-rx': '',
  'dockercloud-rx/node': 'node',
  'dockercloud-rx/testing': 'testing',
  'dockercloud-rx/emulator': 'emulator',
};

const typings = Object.fromEntries(Object.entries(ENTRIES).map(([name, dir]) => [name, join(root, 'dist', 'esm', dir, 'index.d.ts')]));
const program = ts.createProgram(Object.values(typings), {
  noEmit: true,
  skipLibCheck: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
});
const checker = program.getTypeChecker();

const surface = {};
for (const [name, dir] of Object.entries(ENTRIES)) {
  const runtime = await import(pathToFileURL(join(root, 'dist', 'esm', dir, 'index.js')).href);
  const values = Object.keys(runtime)
    .filter((key) => key !== 'default')
    .sort();
  const file = program.getSourceFile(typings[name]);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(file)).map((symbol) => symbol.getName());
  surface[name] = { values, types: exported.filter((key) => !values.includes(key)).sort() };
}

if (process.argv.includes('--markdown')) {
  for (const [name, { values, types }] of Object.entries(surface)) {
    console.log(`### ${name}: ${values.length} values, ${types.length} types\n`);
    console.log(`- values: ${values.join(', ')}`);
    console.log(`- types: ${types.join(', ')}\n`);
  }
} else {
  console.log(JSON.stringify(surface, null, 2));
}
