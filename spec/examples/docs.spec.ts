import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

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
    ['docs/scale-out.md', 'spec/jetstream/scaleOut.example.ts'],
  ])('%s shows %s verbatim', (doc, example) => {
    const code = read(example)
      .split('\n')
      .filter((line, i) => !(i < 2 && line.startsWith('// ') && /README|verbatim|type check/.test(line)))
      .join('\n');
    expect(read(doc)).toContain(code.trim());
  });
});
