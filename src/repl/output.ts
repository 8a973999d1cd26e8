// Where the REPL's output goes: straight to stdout, or, while the user is typing at a prompt, above the prompt line.

import * as readline from 'node:readline';
import type { Writable } from 'node:stream';

/** What output needs of a readline interface that shows a prompt (readline.Interface has all of it). */
export interface PromptHost {
  getCursorPos(): { readonly rows: number; readonly cols: number };
  prompt(preserveCursor?: boolean): void;
  /**
   * readline's own idea of the cursor's row within the input, which its redraw climbs by. Node keeps it as an untyped
   * property and does not update it when pasted text wraps, so it can differ from getCursorPos().rows.
   */
  readonly prevRows?: number;
}

/** Rows readline climbs before it redraws the prompt (see PromptHost.prevRows). */
export function rowsReadlineClimbs(host: PromptHost): number {
  return typeof host.prevRows === 'number' ? host.prevRows : host.getCursorPos().rows;
}

export class ReplOutput {
  private host: PromptHost | undefined;
  /** True while a prompt (and maybe half-typed input) is on the screen. */
  promptShown = false;
  /** True while the line right above the prompt is the status line, so a new status can overwrite it. */
  private statusAbove = false;

  constructor(
    private readonly out: Writable,
    /** Where errors go: stderr in script mode, the same stream in the interactive REPL. */
    private readonly err: Writable = out,
  ) {}

  attach(host: PromptHost): void {
    this.host = host;
  }

  print(lines: readonly string[]): void {
    this.write(this.out, lines, false);
  }

  printError(lines: readonly string[]): void {
    this.write(this.err, lines, false);
  }

  /** Shows the status line; when the last thing shown above the prompt was a status line, replaces it in place. */
  printStatus(line: string): void {
    this.write(this.out, [line], true);
  }

  /** True while the status line is the line right above the prompt. */
  get statusIsAbove(): boolean {
    return this.statusAbove;
  }

  /** Something else (readline itself: an entered line, a completion list) wrote to the screen. */
  noteOtherOutput(): void {
    this.statusAbove = false;
  }

  private write(stream: Writable, lines: readonly string[], isStatus: boolean): void {
    if (lines.length === 0) return;
    const text = lines.join('\n') + '\n';
    const host = this.host;
    if (!this.promptShown || host === undefined || stream !== this.out) {
      stream.write(text);
      this.statusAbove = isStatus;
      return;
    }
    // Clear from the prompt's first row down, write, then let readline redraw the prompt and what was typed after it.
    // readline climbs up by its own row count before redrawing, so leave that many blank rows below the text.
    readline.moveCursor(this.out, 0, -host.getCursorPos().rows - (isStatus && this.statusAbove ? 1 : 0));
    readline.cursorTo(this.out, 0);
    readline.clearScreenDown(this.out);
    this.out.write(text + '\n'.repeat(rowsReadlineClimbs(host)));
    this.statusAbove = isStatus;
    host.prompt(true);
  }
}
