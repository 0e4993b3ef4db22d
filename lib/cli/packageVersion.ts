import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'dockercloud-rx';

/**
 * The version of this package, read from the `package.json` found by walking up from `file`
 * (the running script, `process.argv[1]`, through symlinks such as `node_modules/.bin`), or
 * `undefined` when none is found.
 *
 * @example
 * ```ts
 * packageVersion(process.argv[1] ?? ''); // '0.1.0'
 * ```
 */
export function packageVersion(file: string): string | undefined {
  let dir: string;
  try {
    dir = dirname(realpathSync(file));
  } catch {
    return undefined;
  }
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or the dist tree's own, which has no name): look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
