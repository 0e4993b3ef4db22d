/**
 * Serving the live dashboard: a page, built from the package's browser entry, that shows the
 * emulator's resources by stack and service, the latest transitions and the connection. The
 * page is at `emulator.dashboardUrl` (`http://127.0.0.1:<port>/dashboard/`); it gets the
 * credentials from the emulator that serves it, never from its URL (see docs/emulator.md).
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ dashboard: true });
 * console.log(emulator.dashboardUrl); // http://127.0.0.1:40123/dashboard/
 * ```
 */
export interface DashboardOptions {
  /**
   * The folder of the built page (`index.html`, `dashboard.js`, `dashboard.css`). Default: the
   * package's own `dist/dashboard/`, which `npm run build` makes: found next to the CommonJS
   * build, and from the ESM build through the package's name as resolved from the working
   * directory (pass `dir` when the process runs elsewhere).
   */
  readonly dir?: string;
}
