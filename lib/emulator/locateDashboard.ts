import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The files of the built dashboard, all of which must be there. */
export const DASHBOARD_FILES = ['index.html', 'dashboard.js', 'dashboard.css'] as const;

/**
 * Where the built dashboard is: `dist/dashboard/` of this package, found from this module's
 * folder (the CommonJS build, or the sources under test), else through the package's name from
 * the working directory (the ESM build, which has no `__dirname`). `undefined` when not built.
 *
 * @internal
 */
export function locateDashboard(): string | undefined {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') {
    // dist/{cjs,esm}/emulator → dist/dashboard; lib/emulator → dist/dashboard.
    candidates.push(join(__dirname, '..', '..', 'dashboard'), join(__dirname, '..', '..', 'dist', 'dashboard'));
  }
  try {
    const manifest = createRequire(join(process.cwd(), 'index.js')).resolve('dockercloud-rx/package.json');
    candidates.push(join(dirname(manifest), 'dist', 'dashboard'));
  } catch {
    // Not installed where the process runs: the candidates above are all there is.
  }
  return candidates.find((dir) => DASHBOARD_FILES.every((file) => existsSync(join(dir, file))));
}
