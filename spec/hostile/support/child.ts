// Runs a small Node script against the built package (dist/cjs), as a user's process would, and
// records what it wrote, when it exited and how.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
/** The Node entry of the built package. */
export const NODE_ENTRY = join(ROOT, 'dist', 'cjs', 'node', 'index.js');

function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

/** Fails with a clear message when the build is missing or older than the stream's sources. */
export function assertBuilt(): void {
  if (!existsSync(NODE_ENTRY)) throw new Error('dist/cjs/node/index.js is missing: run `npm run build` first (`npm test` does)');
  for (const dir of ['stream', 'model', 'errors']) {
    if (newest(join(ROOT, 'lib', dir)) > statSync(NODE_ENTRY).mtimeMs) {
      throw new Error(`dist/cjs is older than lib/${dir}: run \`npm run build\` first (\`npm test\` does)`);
    }
  }
}

export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** `Date.now()` when the process exited. */
  readonly exitedAt: number;
  /** `Date.now()` when the script first wrote `marker` to stdout, if it did. */
  readonly markedAt: number | undefined;
}

/**
 * Runs `script` with `node -e`, `require('dockercloud-rx/node')` available as `lib`, and `args`
 * as `process.argv.slice(1)`. Resolves once it exits; it is killed after `timeoutMs`.
 */
export function runChild(script: string, args: readonly string[], marker: string, timeoutMs = 15_000): Promise<ChildRun> {
  const source = `const lib = require(${JSON.stringify(NODE_ENTRY)});\n${script}`;
  const child = spawn(process.execPath, ['-e', source, '--', ...args], {
    env: { PATH: process.env['PATH'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let markedAt: number | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (markedAt === undefined && stdout.includes(marker)) markedAt = Date.now();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise<ChildRun>((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      const exitedAt = Date.now();
      clearTimeout(killer);
      // Let the pipes drain before reporting.
      setImmediate(() => resolve({ code, signal, stdout, stderr, exitedAt, markedAt }));
    });
  });
}
