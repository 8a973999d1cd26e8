// One REPL session without the terminal: buffers input lines into statements, runs them, prints results, batches and errors.

import { performance } from 'node:perf_hooks';
import { toTidemarkError, type TidemarkError } from '../../common/errors.js';
import { formatTimestamp } from '../../common/time.js';
import { formatSchema } from '../../common/types.js';
import { splitStatements } from '../../grammar/index.js';
import type { Engine, ExecuteResult } from '../engine.js';
import type { EmittedBatch, StreamingQuery } from '../streaming-query.js';
import { complete, type Completion } from './completer.js';
import { renderError, type ErrorSource } from './error-display.js';
import { describeRelation, HELP_TEXT, listRelations, parseMeta, queryState, type MetaCommand } from './meta-commands.js';
import type { ReplOutput } from './output.js';
import { isBlank, scanInput, takeComplete } from './statement-input.js';
import { statusLine } from './status.js';
import { renderResult, rowCount, tableCells, truncate } from './table.js';

export interface SessionOptions {
  readonly output: ReplOutput;
  /** Script mode: error lines count from the start of the input. Interactive: from the start of each input. */
  readonly scriptLines?: boolean;
  /** Terminal width, for carets under long lines and the status line. */
  readonly width?: () => number;
  /** Wall clock in ms, for the status line's "last batch N s ago". */
  readonly now?: () => number;
}

export type FeedResult = 'more' | 'done' | 'quit';

/** The header of a batch table: query, batch id, watermark (the golden format's `==` line says the same). */
export function batchHeader(b: EmittedBatch): string {
  return `Query ${b.query}, batch ${b.batchId}, watermark ${b.watermark === undefined ? 'none' : formatTimestamp(b.watermark)}`;
}

export class ReplSession {
  /** Statements (and commands) that failed so far; script mode exits non-zero when there are any. */
  failures = 0;
  timing = false;
  liveStatus = false;
  /** Full text of the input lines not run yet; the first may have been run up to `startColumn`. */
  private lines: string[] = [];
  private startLine = 1;
  private startColumn = 1;
  private nextLine = 1;
  private readonly watched = new WeakSet<StreamingQuery>();
  private readonly lastBatchAt = new Map<string, number>();
  private readonly output: ReplOutput;
  private readonly now: () => number;

  constructor(readonly engine: Engine, private readonly opts: SessionOptions) {
    this.output = opts.output;
    this.now = opts.now ?? Date.now;
    // A batch a query's trigger ran on its own that failed the query is reported when it happens (TRIGGER and
    // statements report their own errors).
    engine.scheduled$.subscribe((o) => {
      if (!('error' in o)) return;
      this.output.printError([`Query ${o.query} failed: ERROR ${o.error.code}: ${o.error.detail ?? o.error.message}`,
        `Its committed batches are kept; fix the cause and RESTART ${o.query} to resume from the last one.`]);
    });
  }

  /** True while part of a statement is buffered (the prompt shows a continuation). */
  get pending(): boolean {
    return this.lines.length > 0;
  }

  /** The buffered text, as the completer needs it before the current line. */
  get pendingText(): string {
    if (this.lines.length === 0) return '';
    return [this.lines[0]!.slice(this.startColumn - 1), ...this.lines.slice(1)].join('\n') + '\n';
  }

  prompt(): string {
    if (!this.pending) return 'tidemark> ';
    const open = scanInput(this.pendingText).open;
    return open === 'string' ? "     ...'> " : open === 'quoted name' ? '     ..."> ' : open === 'backticked name' ? '     ...`> ' : open === 'block comment' ? '     .../*> ' : '     ...> ';
  }

  /** Drops buffered input (Ctrl-C). */
  clear(): void {
    this.lines = [];
    this.startColumn = 1;
    this.startLine = this.opts.scriptLines ? this.nextLine : 1;
  }

  completion(beforeCursor: string): Completion {
    return complete(this.pendingText + beforeCursor, {
      relations: this.engine.relations().map((e) => ({ name: e.name, columns: e.schema.map((f) => f.name) })),
    });
  }

  /** Takes one input line; runs every statement it completes (and a `\` command on a line of its own). */
  feed(line: string): FeedResult {
    const lineNo = this.nextLine++;
    if (!this.pending && /^\s*\\/.test(line)) {
      this.clear();
      return this.meta(line);
    }
    if (!this.pending) {
      if (isBlank(line) && scanInput(`${line}\n`).open === undefined) return 'done';
      this.startLine = this.opts.scriptLines ? lineNo : 1;
      this.startColumn = 1;
    }
    this.lines.push(line);
    const text = this.pendingText;
    const { ready, rest } = takeComplete(text);
    if (ready === '') return 'more';
    this.runText(ready);
    if (rest === '') {
      this.clear();
      return 'done';
    }
    // Part of the last line is left (`SELECT 1; SELECT`): it stays buffered, positions still count from its line.
    const last = this.lines[this.lines.length - 1]!;
    this.startLine += this.lines.length - 1;
    this.lines = [last];
    this.startColumn = last.length - (rest.length - 1) + 1;
    return 'more';
  }

  /** Runs what is still buffered as if it ended with `;` (the end of a script). */
  finish(): void {
    const text = this.pendingText;
    if (this.pending && !isBlank(text)) this.runText(text);
    this.clear();
  }

  private source(): ErrorSource {
    return { text: this.lines.join('\n'), firstLine: this.startLine };
  }

  private runText(text: string): void {
    for (const piece of splitStatements(text)) {
      const line = this.startLine + piece.line - 1;
      const column = piece.line === 1 ? this.startColumn + piece.column - 1 : piece.column;
      this.runStatement(piece.text, { line, column });
    }
  }

  private fail(e: TidemarkError, source?: ErrorSource): void {
    this.failures++;
    this.output.printError(renderError(e, source, this.opts.width?.()));
  }

  private runStatement(text: string, origin: { line: number; column: number }): void {
    const t0 = performance.now();
    try {
      this.show(this.engine.execute(text, origin), text);
    } catch (e) {
      this.fail(toTidemarkError(e), this.source());
    }
    if (this.timing) this.output.print([`Time: ${(performance.now() - t0).toFixed(3)} ms`]);
  }

  private show(r: ExecuteResult, text: string): void {
    switch (r.kind) {
      case 'result':
        if (r.schema.length === 0) this.output.print(['OK']);
        else if (/^\s*explain\b/i.test(text)) this.output.print(tableCells(r.table, r.schema, true).map((row) => row[0] ?? ''));
        else this.output.print(renderResult(r.table, r.schema, r.orderBy));
        return;
      case 'query':
        this.watch(r.query);
        this.output.print([`Query ${r.query.name} started (${r.query.mode.toUpperCase()}): ${formatSchema(r.query.schema)}`]);
        return;
      case 'trigger': {
        // The batches themselves were printed as the queries emitted them (see watch).
        let ran = 0;
        let failed = 0;
        for (const b of r.batches) {
          if ('error' in b) {
            this.fail(b.error);
            failed++;
          } else ran++;
        }
        // A TRIGGER whose every batch failed printed its errors: no OK, and above all no "no new input".
        if (failed === 0 || ran > 0) this.output.print([ran === 0 ? 'OK (no new input)' : `OK (${ran} ${ran === 1 ? 'batch' : 'batches'})`]);
        return;
      }
      default: {
        const never: never = r;
        return never;
      }
    }
  }

  /** Prints every batch a query emits, whenever it emits it: during TRIGGER today, on its own schedule later. */
  watch(q: StreamingQuery): void {
    if (this.watched.has(q)) return;
    this.watched.add(q);
    q.output$.subscribe((b) => {
      // rxjs rethrows a subscriber's exception outside the call (an uncaught error): a display bug must not end the session.
      try {
        this.output.print(this.batchLines(q, b));
      } catch (e) {
        this.fail(toTidemarkError(e));
      }
    });
    q.progress$.subscribe(() => this.lastBatchAt.set(q.name, this.now()));
  }

  private batchLines(q: StreamingQuery, b: EmittedBatch): string[] {
    const head = batchHeader(b);
    const retracted = b.retracted.numRows > 0 ? [`(${b.retracted.numRows} earlier ${b.retracted.numRows === 1 ? 'row' : 'rows'} replaced)`] : [];
    if (b.table.numRows === 0) return [`${head}: ${rowCount(0)}`, ...retracted];
    return [head, ...renderResult(b.table, q.schema, q.orderBy), ...retracted];
  }

  /** The status line, cut to the terminal's width so that it takes one row. */
  statusText(): string {
    const line = statusLine(this.engine.streamingQueries.map((q) => ({
      name: q.name, state: queryState(q), progress: q.lastProgress, lastBatchAtMs: this.lastBatchAt.get(q.name),
    })), this.now());
    const width = this.opts.width?.();
    return width === undefined ? line : truncate(line, Math.max(20, width - 1));
  }

  private meta(line: string): FeedResult {
    let cmd: MetaCommand;
    try {
      cmd = parseMeta(line);
    } catch (e) {
      this.fail(toTidemarkError(e));
      return 'done';
    }
    switch (cmd.kind) {
      case 'help':
        this.output.print(HELP_TEXT);
        return 'done';
      case 'describe': {
        const entries = this.engine.relations();
        const query = (n: string): StreamingQuery | undefined => this.engine.query(n);
        try {
          this.output.print(cmd.name === undefined ? listRelations(entries, query) : describeRelation(entries, cmd.name, query));
        } catch (e) {
          this.fail(toTidemarkError(e));
        }
        return 'done';
      }
      case 'timing':
        this.timing = cmd.on ?? !this.timing;
        this.output.print([`Timing is ${this.timing ? 'on' : 'off'}.`]);
        return 'done';
      case 'status':
        this.liveStatus = cmd.on ?? !this.liveStatus;
        this.output.print([`Live status is ${this.liveStatus ? 'on' : 'off'}.`]);
        if (this.liveStatus) this.output.printStatus(this.statusText());
        return 'done';
      case 'quit':
        return 'quit';
      default: {
        const never: never = cmd;
        return never;
      }
    }
  }
}
