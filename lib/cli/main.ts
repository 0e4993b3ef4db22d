#!/usr/bin/env node
// The `dockercloud-rx` command line (the package's `bin`). Nothing in lib/ outside lib/cli
// imports lib/cli.
import { packageVersion } from './packageVersion.js';
import { processIo } from './processIo.js';
import { runCli } from './runCli.js';
import { scrubSecrets, secretsOf } from './scrubSecrets.js';
import { terminalSafe } from './terminalSafe.js';

/**
 * How long the process may take to end by itself once the command is done (a socket
 * finishing its close handshake), before it is ended.
 */
const EXIT_GRACE = 2000;

function exitSoon(code: number): void {
  process.exitCode = code;
  // Normally the event loop drains and the process ends now; this only bounds a straggler.
  setTimeout(() => process.exit(code), EXIT_GRACE).unref();
}

// A write to a closed pipe (`dockercloud-rx events | head`) is an 'error' event on stdout: the
// commands stop on it, and this keeps one that comes after they are done from crashing the process.
process.stdout.on('error', () => undefined);

runCli(process.argv, processIo(), packageVersion(process.argv[1] ?? '')).then(exitSoon, (error: unknown) => {
  // The one write outside a Terminal: the same guards, since the error may carry what a server sent.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`dockercloud-rx: internal error: ${terminalSafe(scrubSecrets(message, secretsOf(process.env)))}\n`);
  exitSoon(1);
});
