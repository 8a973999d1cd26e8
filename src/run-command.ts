// `tidemark run`: a script with manual triggers by default, then the queries that have a trigger of their own, until done.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from './engine.js';
import { toStderr } from './golden-suite.js';
import { renderBatches, runScript } from './script-runner.js';

export interface RunOptions {
  /** Where checkpoints go (kept); a temporary directory, removed at the end, when undefined. */
  readonly checkpointRoot: string | undefined;
  /** Where relative source paths start (the script's directory). */
  readonly baseDir?: string;
  /** Sees the engine before the script runs (`--progress` subscribes here). */
  readonly prepare?: (engine: Engine) => void;
}

/**
 * Prints the script's golden text; then, while a query with a non-manual `trigger` option is running, prints each
 * batch its trigger runs (as TRIGGER would). Once and available-now queries end by themselves; SIGINT or SIGTERM
 * stops the rest between two batches (every batch that ran is committed). Returns the exit code: 1 when a scheduled
 * batch failed its query, else 0.
 */
export async function runCommand(script: string, opts: RunOptions, write: (text: string) => void): Promise<number> {
  const { checkpointRoot, baseDir } = opts;
  const temp = checkpointRoot === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-run-')) : undefined;
  // Without a checkpoint root, relative sink paths go to the temporary directory too, so a run leaves nothing behind.
  // Console sinks print to standard error: standard output is the golden text, which holds their batches already.
  const engine = new Engine({ checkpointRoot: checkpointRoot ?? temp, workDir: temp, baseDir, defaultTrigger: 'manual', console: toStderr });
  opts.prepare?.(engine);
  const signals = ['SIGINT', 'SIGTERM'] as const;
  let onSignal: (() => void) | undefined;
  try {
    write(runScript(script, engine));
    const scheduled = engine.streamingQueries.filter((q) => q.isActive && q.trigger.kind !== 'manual');
    if (!scheduled.length) return 0;
    let failed = false;
    let first = true;
    engine.scheduled$.subscribe((o) => {
      if ('error' in o) failed = true;
      // One blank line sets the batches apart from the script's last block.
      write((first ? '\n' : '') + renderBatches(engine, [o]).join('\n') + '\n');
      first = false;
    });
    const signalled = new Promise<void>((resolve) => {
      onSignal = resolve;
      for (const s of signals) process.on(s, resolve);
    });
    await Promise.race([Promise.allSettled(scheduled.map((q) => q.awaitTermination())), signalled]);
    return failed ? 1 : 0;
  } finally {
    if (onSignal) for (const s of signals) process.off(s, onSignal);
    engine.close();
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
}
