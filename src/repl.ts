// The interactive REPL: reads statements up to ';' and prints each result as the script runner does.

import * as readline from 'node:readline';
import { splitStatements } from '../grammar/index.js';
import { Engine } from './engine.js';
import { runStatement } from './script-runner.js';

export async function startRepl(checkpointRoot: string | undefined): Promise<void> {
  const engine = new Engine(checkpointRoot ? { checkpointRoot } : {});
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'tidemark> ' });
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
