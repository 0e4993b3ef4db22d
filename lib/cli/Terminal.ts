import { createScrubber } from '../credentials/createScrubber.js';
import type { CliIo } from './CliIo.js';
import { colorEnabled } from './colorEnabled.js';
import { createPalette, type Palette } from './Palette.js';
import { terminalSafe } from './terminalSafe.js';

/** How a {@link Terminal} writes. */
export interface TerminalOptions {
  /** `--color` (true) or `--no-color` (false); otherwise decided per stream by `colorEnabled`. */
  readonly color?: boolean;
  /** No status lines on stderr (errors are still written). Default false. */
  readonly quiet?: boolean;
  /** Values replaced by `***` in everything written, to stdout and stderr (see `secretsOf`). */
  readonly secrets?: readonly string[];
}

const ERASE_LINE = '\r\x1b[2K';

/**
 * The command line's output: results on stdout, statuses and errors on stderr, each stream
 * with its own colours. On a terminal, stderr can also show one transient line (a countdown)
 * that is rewritten in place and erased before anything else is written. Nothing more is
 * written to stdout once its reader has gone (`EPIPE`).
 *
 * Every write, to either stream, goes through the same two guards, in this order: the
 * credentials are replaced by `***` (`scrubSecrets`), then the text is made terminal-safe
 * ({@link terminalSafe}): no control character, bidi control or line separator reaches the
 * terminal, only their visible escapes, so that no text can move the cursor, retitle the
 * window, write the clipboard or forge a line. The one escape sequence that passes is a colour
 * code (`ESC [ n m`), and only on a stream whose colours are on: the palette's own. Values from
 * a server are made safe before they are painted (the format functions do it), so a server
 * cannot paint either; should one be forgotten, it could at most change a colour.
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
  /** Built once: every line written is scrubbed with the same secrets. */
  private readonly scrub: (text: string) => string;
  private readonly outColours: boolean;
  private readonly errColours: boolean;
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
    this.outColours = colorEnabled({ ...context, isTTY: io.stdout.isTTY === true });
    this.errColours = colorEnabled({ ...context, isTTY: io.stderr.isTTY === true });
    this.out = createPalette(this.outColours);
    this.err = createPalette(this.errColours);
    this.interactive = io.stderr.isTTY === true;
    this.quiet = options.quiet === true;
    this.scrub = createScrubber(options.secrets ?? []);
    io.stdout.on('error', this.onStdoutError);
  }

  /** Writes a line to stdout, scrubbed and made terminal-safe (a `\n` inside shows as `\\n`). */
  line(text: string): void {
    if (this.broken) return;
    this.clearTransient();
    this.io.stdout.write(`${this.safe(text, this.outColours)}\n`);
  }

  /** Writes a status line to stderr, unless quiet; scrubbed and made terminal-safe. */
  status(text: string): void {
    if (this.quiet) return;
    this.clearTransient();
    this.io.stderr.write(`${this.safe(text, this.errColours)}\n`);
  }

  /** Writes an error to stderr, quiet or not, as `dockercloud-rx: <message>`; the message is plain text, shown as it reads. */
  error(message: string): void {
    this.clearTransient();
    this.io.stderr.write(`${this.err.red(`dockercloud-rx: ${this.safe(message, false)}`)}\n`);
  }

  /** Shows (or replaces) the transient line on an interactive stderr; does nothing otherwise or when quiet. */
  transient(text: string): void {
    if (this.quiet || !this.interactive) return;
    this.io.stderr.write(`${ERASE_LINE}${this.safe(text, this.errColours)}`);
    this.transientShown = true;
  }

  /** Erases the transient line, if one is shown. */
  clearTransient(): void {
    if (!this.transientShown) return;
    this.transientShown = false;
    this.io.stderr.write(ERASE_LINE);
  }

  // Scrubbing comes first: it matches the credentials as they were sent, before any of their
  // characters could be turned into an escape.
  private safe(text: string, colours: boolean): string {
    return terminalSafe(this.scrub(text), { keepColours: colours });
  }

  /** Erases the transient line and stops listening to stdout. */
  dispose(): void {
    this.clearTransient();
    this.io.stdout.off('error', this.onStdoutError);
  }
}
