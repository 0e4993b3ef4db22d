import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// ESLint reports a disable comment that silences nothing (`reportUnusedDisableDirectives`), but
// not one that gives no reason, and the plugin that would is not a dependency: this check is it.

const root = join(__dirname, '..', '..');
const FOLDERS = ['lib', 'spec', 'scripts', 'bench'];

// Directive comments only (`//` or `/*` then the directive), not the word in a string or in prose.
const DIRECTIVE = /(?:\/\/|\/\*)\s*eslint-disable(?:-next-line|-line)?\b[^\n]*/g;

/** The disable directives of a source text that give no reason after ` -- `, with their line numbers. */
function unexplainedDisables(text: string): { line: number; comment: string }[] {
  const found: { line: number; comment: string }[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const comment = match[0].replace(/\*\/.*$/, '').trim();
    const reason = /\s--\s+(\S.*)$/.exec(comment)?.[1];
    if (reason === undefined) found.push({ line: text.slice(0, match.index).split('\n').length, comment });
  }
  return found;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|mts|cts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('eslint-disable comments', () => {
  // Built by concatenation so that this file holds no directive of its own.
  const disable = 'eslint-' + 'disable';

  it('are found without a reason, and accepted with one', () => {
    const text = [
      `const a = 1; // ${disable}-line no-console`,
      `// ${disable}-next-line no-control-regex -- the control characters are the point`,
      `/* ${disable} no-undef */`,
      `/* ${disable} no-undef -- a generated file */`,
      `// ${disable}-next-line no-console --`,
      `const prose = 'the word ${disable} in a string';`,
    ].join('\n');
    expect(unexplainedDisables(text)).toEqual([
      { line: 1, comment: `// ${disable}-line no-console` },
      { line: 3, comment: `/* ${disable} no-undef` },
      { line: 5, comment: `// ${disable}-next-line no-console --` },
    ]);
  });

  it.each(FOLDERS)('in %s/ each give their reason after " -- "', (folder) => {
    const files = sourceFiles(join(root, folder));
    expect(files.length).toBeGreaterThan(0);
    const unexplained = files.flatMap((file) =>
      unexplainedDisables(readFileSync(file, 'utf8')).map(({ line, comment }) => `${relative(root, file)}:${line}: ${comment}`),
    );
    expect(unexplained).toEqual([]);
  });
});
