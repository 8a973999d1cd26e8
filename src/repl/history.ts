// The REPL's persistent history: one entry per statement or command, kept in a file under $HOME (or $TIDEMARK_HISTORY).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanInput } from './statement-input.js';

export const HISTORY_SIZE = 1000;

/** `$TIDEMARK_HISTORY` when set (empty: keep no file), else `~/.tidemark_history`. */
export function historyFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['TIDEMARK_HISTORY'];
  if (configured !== undefined) return configured === '' ? undefined : configured;
  return path.join(os.homedir(), '.tidemark_history');
}

/**
 * The entry for the lines of one input: joined by spaces, so Up recalls a multi-line statement whole, unless a
 * line break matters (inside a string, or ending a `--` comment); then the lines stay separate entries.
 * Returned newest first, as readline keeps history.
 */
export function historyEntries(lines: readonly string[]): string[] {
  const kept = lines.filter((l) => l.trim() !== '');
  let text = '';
  for (const line of kept.slice(0, -1)) {
    text += line;
    if (scanInput(text).open !== undefined) return [...kept].reverse();
    text += '\n';
  }
  return kept.length === 0 ? [] : [kept.map((l) => l.trim()).join(' ')];
}

export class History {
  /** Newest first. */
  readonly entries: string[];
  private warned = false;

  constructor(private readonly file: string | undefined, private readonly warn: (msg: string) => void) {
    this.entries = [];
    if (file === undefined) return;
    try {
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
      this.entries.push(...lines.reverse().slice(0, HISTORY_SIZE));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.warnOnce(e);
    }
  }

  /** Adds what one input's lines make (see historyEntries), newest first, dropping older copies; then saves. */
  add(lines: readonly string[]): void {
    for (const entry of historyEntries(lines).reverse()) {
      const old = this.entries.indexOf(entry);
      if (old >= 0) this.entries.splice(old, 1);
      this.entries.unshift(entry);
    }
    this.entries.length = Math.min(this.entries.length, HISTORY_SIZE);
    this.save();
  }

  private save(): void {
    if (this.file === undefined) return;
    try {
      fs.writeFileSync(this.file, [...this.entries].reverse().join('\n') + '\n', { mode: 0o600 });
    } catch (e) {
      this.warnOnce(e);
    }
  }

  private warnOnce(e: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.warn(`History file ${this.file}: ${e instanceof Error ? e.message : String(e)}; history is kept for this session only.`);
  }
}
