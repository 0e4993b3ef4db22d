import type { CliIo } from './CliIo.js';
import { colorEnabled } from './colorEnabled.js';
import { createPalette, type Palette } from './Palette.js';
import { scrubSecrets } from './scrubSecrets.js';

/** How a {@link Terminal} writes. */
export interface TerminalOptions {
  /** `--color` (true) or `--no-color` (false); otherwise decided per stream by `colorEnabled`. */
  readonly color?: boolean;
  /** No status lines on stderr (errors are still written). Default false. */
  readonly quiet?: boolean;
  /** Values replaced by `***` in everything written to stderr (see `secretsOf`). */
  readonly secrets?: readonly string[];
}

const ERASE_LINE = '\r\x1b[2K';

/**
 * The command line's output: results on stdout, statuses and errors on stderr, each stream
 * with its own colours. On a terminal, stderr can also show one transient line (a countdown)
 * that is rewritten in place and erased before anything else is written. Everything written
 * to stderr is scrubbed of the credentials; nothing more is written to stdout once its
 * reader has gone (`EPIPE`).
 *
 * @example
 * ```ts
 * const terminal = new Terminal(processIo(), { quiet: false, secrets: secretsOf(process.env) });
 * terminal.status(terminal.err.green('● connected'));
 * terminal.line('16:47:28  container  update  → Running');
 * terminal.dispose();
 * ```
 */
export class Terminal {
  /** The colours of stdout. */
  readonly out: Palette;
  /** The colours of stderr. */
  readonly err: Palette;
  /** Whether stderr is a terminal, where a transient line can be shown. */
  readonly interactive: boolean;
  private readonly quiet: boolean;
  private readonly secrets: readonly string[];
  private transientShown = false;
  private broken = false;
  private readonly onStdoutError = (): void => {
    this.broken = true;
  };

  constructor(
    private readonly io: CliIo,
    options: TerminalOptions = {},
  ) {
    const context = { env: io.env, platform: io.platform, flag: options.color };
    this.out = createPalette(colorEnabled({ ...context, isTTY: io.stdout.isTTY === true }));
    this.err = createPalette(colorEnabled({ ...context, isTTY: io.stderr.isTTY === true }));
    this.interactive = io.stderr.isTTY === true;
    this.quiet = options.quiet === true;
    this.secrets = options.secrets ?? [];
    io.stdout.on('error', this.onStdoutError);
  }

  /** Writes a line to stdout. */
  line(text: string): void {
    if (this.broken) return;
    this.clearTransient();
    this.io.stdout.write(`${text}\n`);
  }

  /** Writes a status line to stderr, unless quiet. */
  status(text: string): void {
    if (this.quiet) return;
    this.clearTransient();
    this.io.stderr.write(`${scrubSecrets(text, this.secrets)}\n`);
  }

  /** Writes an error to stderr, quiet or not, as `dockercloud-rx: <message>`. */
  error(message: string): void {
    this.clearTransient();
    this.io.stderr.write(`${this.err.red(`dockercloud-rx: ${scrubSecrets(message, this.secrets)}`)}\n`);
  }

  /** Shows (or replaces) the transient line on an interactive stderr; does nothing otherwise or when quiet. */
  transient(text: string): void {
    if (this.quiet || !this.interactive) return;
    this.io.stderr.write(`${ERASE_LINE}${scrubSecrets(text, this.secrets)}`);
    this.transientShown = true;
  }

  /** Erases the transient line, if one is shown. */
  clearTransient(): void {
    if (!this.transientShown) return;
    this.transientShown = false;
    this.io.stderr.write(ERASE_LINE);
  }

  /** Erases the transient line and stops listening to stdout. */
  dispose(): void {
    this.clearTransient();
    this.io.stdout.off('error', this.onStdoutError);
  }
}
