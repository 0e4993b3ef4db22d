// Where the command line sits in the package.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { assertBuilt, MAIN, ROOT } from './support.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the command line in the package', () => {
  it('is imported by nothing in lib/ outside lib/cli', () => {
    const cli = join(ROOT, 'lib', 'cli');
    const offenders = sources(join(ROOT, 'lib'))
      .filter((file) => !file.startsWith(cli))
      .filter((file) => /from ['"][^'"]*\/cli\//.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('is the bin `dockercloud-rx`, an executable script for node', () => {
    assertBuilt();
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    expect(manifest.bin).toEqual({ 'dockercloud-rx': 'dist/cjs/cli/main.js' });
    expect(readFileSync(MAIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});
