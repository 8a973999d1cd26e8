// The interactive REPL: reads statements up to ';' and prints each result as the script runner does.

import * as readline from 'node:readline';
import { splitStatements } from '../grammar/index.js';
import { Engine } from './engine.js';
import { renderBatches, runStatement } from './script-runner.js';

export async function startRepl(checkpointRoot: string | undefined): Promise<void> {
  // Queries run by themselves here (continuous unless they set a trigger); TRIGGER still runs them at once.
  const engine = new Engine({ ...(checkpointRoot ? { checkpointRoot } : {}), defaultTrigger: 'continuous' });
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'tidemark> ' });
  // Batches a trigger ran go above the prompt, which is redrawn with whatever was typed so far.
  engine.scheduled$.subscribe((o) => {
    readline.cursorTo(process.stdout, 0);
    readline.clearLine(process.stdout, 0);
    process.stdout.write(renderBatches(engine, [o]).join('\n') + '\n');
    rl.prompt(true);
  });
  process.stdout.write(`Tidemark REPL. Statements end with ';'. Checkpoints: ${engine.checkpointRoot}. Ctrl-D quits.\n`);
  let buffer = '';
  rl.prompt();
  for await (const line of rl) {
    buffer += line + '\n';
    if (/;\s*$/.test(line)) {
      for (const piece of splitStatements(buffer)) {
        const out = runStatement(engine, piece.text);
        const lines = [...(out.schema !== undefined ? [out.schema] : []), ...out.lines];
        process.stdout.write((lines.length ? lines.join('\n') : 'OK') + '\n');
      }
      buffer = '';
    }
    rl.setPrompt(buffer ? '      ...> ' : 'tidemark> ');
    rl.prompt();
  }
  engine.close();
}
