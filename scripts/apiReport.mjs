// Checks (default) or updates (`--update`) the API reports in api/, one per entry point of
// the package, with API Extractor reading the built typings (run `npm run build` first).
// The check fails when an entry's surface differs from its committed report: the new report
// is left in .tmp/api/ to compare with, and `npm run api:update` rewrites the committed one.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
// Each entry point of package.json's "exports" (its ESM typings), with its report's name:
// `.` is api/dockercloud-rx.api.md, `./node` api/dockercloud-rx-node.api.md, and so on. A new
// entry point gets its report from the first `npm run api:update`.
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const ENTRIES = Object.entries(manifest.exports)
  .filter(([, target]) => typeof target === 'object')
  .map(([path, target]) => [manifest.name + path.slice(1).replaceAll('/', '-'), target.import.types.slice(2)]);

// API Extractor reads one entry point at a time, so it reports as forgotten a type that
// /testing or /emulator uses but that the package's main entry exports (`ContainerEvent` in a
// builder's return type). Users import those from `dockercloud-rx`: they are exported on
// purpose, and documented in the main report. Any other forgotten export stays an error.
function mainExports() {
  const typings = join(root, ENTRIES[0][1]);
  const program = ts.createProgram([typings], {
    noEmit: true,
    skipLibCheck: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
  });
  const checker = program.getTypeChecker();
  return new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(typings))).map((symbol) => symbol.getName()));
}

const configFile = join(root, 'api-extractor.json');
const base = ExtractorConfig.loadFile(configFile);
const failed = [];
let fromMain;
for (const [report, typings] of ENTRIES) {
  if (!existsSync(join(root, typings))) {
    console.error(`api-report: ${typings} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: `<projectFolder>/${typings}`,
      apiReport: { ...base.apiReport, reportFileName: report },
    },
    configObjectFullPath: configFile,
    packageJsonFullPath: join(root, 'package.json'),
  });
  // localBuild: write the new report over the committed one instead of failing on a change.
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback(message) {
      // "Analysis will use the bundled TypeScript version …", four times: noise on every run.
      if (message.messageId === 'console-preamble') message.logLevel = 'none';
      if (message.messageId !== 'ae-forgotten-export' || report === ENTRIES[0][0]) return;
      const symbol = /The symbol "([^"]+)"/.exec(message.text)?.[1];
      fromMain ??= mainExports();
      if (symbol !== undefined && fromMain.has(symbol)) message.logLevel = 'none';
    },
  });
  if (!result.succeeded) failed.push(report);
  else if (result.apiReportChanged && update) console.log(`api-report: api/${report}.api.md updated`);
}
if (failed.length > 0) {
  console.error(
    `\napi-report: failed for ${failed.map((r) => `api/${r}.api.md`).join(', ')}: see the errors above.` +
      (update
        ? ''
        : '\nA report that differs from the public surface: if the change is deliberate, run `npm run api:update`' +
          ' and commit the reports (the new ones are in .tmp/api/, to diff with api/).'),
  );
  process.exit(1);
}
console.log(`api-report: ${ENTRIES.length} entry points ${update ? 'written' : 'match their reports'}`);
