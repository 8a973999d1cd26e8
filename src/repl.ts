// The interactive REPL: reads statements up to ';' and prints each result as the script runner does.

import * as readline from 'node:readline';
import { Engine } from './engine.js';
import { runScript } from './script-runner.js';

export async function startRepl(checkpointRoot: string | undefined): Promise<void> {
  const engine = new Engine(checkpointRoot ? { checkpointRoot } : {});
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'tidemark> ' });
  process.stdout.write(`Tidemark REPL. Statements end with ';'. Checkpoints: ${engine.checkpointRoot}. Ctrl-D quits.\n`);
  let buffer = '';
  rl.prompt();
  for await (const line of rl) {
    buffer += line + '\n';
    if (/;\s*$/.test(line)) {
      const out = runScript(buffer, engine);
      // Show only the output part of each block: the statement was just typed.
      process.stdout.write(out.split('\n').filter((l) => !l.startsWith('-- !query')).join('\n').replace(/^\n+/, '').replace(buffer.trim().replace(/;$/, ''), '') + '\n');
      buffer = '';
    }
    rl.setPrompt(buffer ? '      ...> ' : 'tidemark> ');
    rl.prompt();
  }
  engine.close();
}
