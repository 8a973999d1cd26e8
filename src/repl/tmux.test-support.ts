// Drives the tidemark CLI through a real pseudo-terminal in tmux, as a user at a keyboard would: keys in, screen text out.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleCli as bundled } from '../crash-recovery.test-support.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The node arguments that run the CLI: bundled (see crash-recovery.test-support.ts), else under tsx. */
export async function bundleCli(dir: string): Promise<string[]> {
  return (await bundled(dir)) ?? ['--import', 'tsx', path.join(ROOT, 'src/main.ts')];
}

export const tmuxAvailable = (): boolean => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface TerminalOptions {
  /** Node arguments that run the CLI (see bundleCli), then the CLI's own arguments. */
  readonly node: readonly string[];
  readonly args?: readonly string[];
  /** HOME of the CLI, where its history file goes (TIDEMARK_HISTORY is left to default to $HOME/.tidemark_history). */
  readonly home: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly width?: number;
  readonly height?: number;
}

/** One tmux server on a private socket, one window running the CLI; `close()` kills the server and removes its files. */
export class Terminal {
  /** In the terminal's own directory, so that nothing is left in tmux's shared socket directory. */
  private readonly socket: string;
  private readonly statusFile: string;

  constructor(opts: TerminalOptions) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-tty-'));
    this.socket = path.join(dir, 'tmux.sock');
    this.statusFile = path.join(dir, 'status');
    const env = { HOME: opts.home, LANG: 'C.UTF-8', ...opts.env };
    const launcher = path.join(dir, 'run.sh');
    fs.writeFileSync(launcher, [
      `cd ${shellQuote(ROOT)}`,
      'unset TIDEMARK_HISTORY',
      ...Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
      `${shellQuote(process.execPath)} ${[...opts.node, ...(opts.args ?? [])].map(shellQuote).join(' ')}`,
      `echo $? > ${shellQuote(this.statusFile)}`,
      // Keep the pane (and its last screen) until the test has read it.
      'sleep 30',
    ].join('\n'));
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 30), `sh ${shellQuote(launcher)}`);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types text literally. tmux reads an argument ending in `;` as a command separator, so `;` goes alone, escaped. */
  type(text: string): void {
    for (const part of text.split(/(;)/)) {
      if (part === '') continue;
      this.tmux('send-keys', '-t', 't', '-l', part === ';' ? '\\;' : part);
    }
  }

  /** Presses keys by tmux name: Enter, Tab, Up, C-c, C-d, ... */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }

  /** The visible screen, trailing blank lines dropped. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 't').replace(/\s+$/, '');
  }

  /** Cursor position, 0-based. */
  cursor(): { x: number; y: number } {
    const [x, y] = this.tmux('display-message', '-p', '-t', 't', '#{cursor_x} #{cursor_y}').trim().split(' ').map(Number);
    return { x: x!, y: y! };
  }

  /** Text of the line the cursor is on, up to the cursor or its last character, whichever is further. */
  cursorLine(): string {
    const { x, y } = this.cursor();
    const line = this.tmux('capture-pane', '-p', '-t', 't').split('\n')[y] ?? '';
    return line.padEnd(x);
  }

  /** Polls the screen until `check` holds; throws with the last screen when it does not within `timeoutMs`. */
  async waitFor(check: string | RegExp | ((screen: string) => boolean), timeoutMs = 8000): Promise<string> {
    const ok = typeof check === 'string' ? (s: string) => s.includes(check) : check instanceof RegExp ? (s: string) => check.test(s) : check;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = this.screen();
      if (ok(last)) return last;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(check)}. Screen:\n${last}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The CLI's exit status once it has exited. */
  async exitStatus(timeoutMs = 8000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(this.statusFile) || fs.readFileSync(this.statusFile, 'utf8').trim() === '') {
      if (Date.now() > deadline) throw new Error(`The CLI did not exit. Screen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return Number(fs.readFileSync(this.statusFile, 'utf8').trim());
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    fs.rmSync(path.dirname(this.statusFile), { recursive: true, force: true });
  }
}
