import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** An example file as the docs show it: without its first lines that only say where it is shown. */
const exampleCode = (example: string): string =>
  read(example)
    .split('\n')
    .filter((line, i) => !(i < 2 && line.startsWith('// ') && /README|verbatim|type check/.test(line)))
    .join('\n')
    .trim();

const MIGRATION_EXAMPLES = [
  'spec/examples/migrationPrintEvents.example.ts',
  'spec/examples/migrationServiceContainers.example.ts',
  'spec/examples/migrationErrors.example.ts',
  'spec/examples/migrationStop.example.ts',
];

// Code in the docs is the code of these files, which the type check compiles and jest runs:
// the docs cannot drift from what works.
describe('the examples in the docs', () => {
  it.each([
    ['README.md', 'spec/examples/readme.example.ts'],
    ['docs/testing.md', 'spec/examples/reloadOnSettle.spec.ts'],
    ['docs/testing.md', 'spec/examples/fakeSocket.spec.ts'],
    ['docs/resync.md', 'spec/examples/haproxy.spec.ts'],
    ['docs/resync.md', 'spec/examples/nginx.spec.ts'],
    ['docs/resync.md', 'spec/examples/networkDaemon.spec.ts'],
    ['docs/resync.md', 'spec/examples/names.example.ts'],
    ...MIGRATION_EXAMPLES.map((example) => ['docs/connecting.md', example]),
    ['docs/scale-out.md', 'spec/jetstream/scaleOut.example.ts'],
  ])('%s shows %s verbatim', (doc, example) => {
    expect(read(doc)).toContain(exampleCode(example));
  });

  // The migration guide sets Python and Go beside TypeScript: every TypeScript block in it must
  // be one of the examples spec/examples/migration.spec.ts runs, so none of it is untested.
  it('the migration guide of docs/connecting.md shows no TypeScript but its tested examples', () => {
    const doc = read('docs/connecting.md');
    const start = doc.indexOf('\n## Migrating from the official clients\n');
    expect(start).toBeGreaterThan(-1);
    const end = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, end === -1 ? undefined : end);
    const blocks = [...section.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)].map((match) => match[1]!.trim());
    expect(blocks.sort()).toEqual(MIGRATION_EXAMPLES.map(exampleCode).sort());
  });
});
