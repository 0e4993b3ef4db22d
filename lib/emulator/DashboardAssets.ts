import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorError } from './EmulatorError.js';
import { DASHBOARD_FILES, locateDashboard } from './locateDashboard.js';

/**
 * The built dashboard, read into memory once at start: the page is served from here, so no
 * request ever names a file on disk.
 *
 * @internal
 */
export interface DashboardAssets {
  readonly dir: string;
  readonly files: Readonly<Record<(typeof DASHBOARD_FILES)[number], Buffer>>;
}

/**
 * Reads the built dashboard from `dir`, or from where {@link locateDashboard} finds it.
 * Throws an `EmulatorError` (`options`, option `dashboard`) when it is not there.
 *
 * @internal
 */
export function readDashboardAssets(dir: string | undefined): DashboardAssets {
  const found = dir ?? locateDashboard();
  if (found === undefined) {
    throw new EmulatorError(
      'Invalid option dashboard: the built dashboard (dist/dashboard/) was not found: run `npm run build`, or pass dashboard.dir',
      { kind: 'options', option: 'dashboard' },
    );
  }
  const files = {} as Record<(typeof DASHBOARD_FILES)[number], Buffer>;
  for (const file of DASHBOARD_FILES) {
    try {
      files[file] = readFileSync(join(found, file));
    } catch (error) {
      throw new EmulatorError(`Invalid option dashboard.dir: cannot read ${file} from ${found}`, {
        kind: 'options',
        option: 'dashboard.dir',
        cause: error,
      });
    }
  }
  return { dir: found, files };
}
