// The interactive REPL on a terminal (readline: history, completion, Ctrl-C/Ctrl-D), and script mode for piped stdin.

import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Engine } from './engine.js';
import { History, HISTORY_SIZE, historyFile } from './repl/history.js';
import { ReplOutput, rowsReadlineClimbs } from './repl/output.js';
import { ReplSession } from './repl/session.js';

const STATUS_REFRESH_MS = 1000;

/**
 * On a terminal queries run by themselves (continuous unless they set a trigger; TRIGGER still runs them at once);
 * a piped script runs them on TRIGGER only, so that its output does not depend on timing.
 */
const engineFor = (checkpointRoot: string | undefined, defaultTrigger: 'continuous' | 'manual'): Engine =>
  new Engine({ ...(checkpointRoot ? { checkpointRoot } : {}), defaultTrigger });

/**
 * Runs `input` as a script: no prompts, results on stdout, errors (with their line and a caret) on stderr.
 * Returns the exit status: 1 when any statement or command failed, else 0.
 */
export async function runScriptInput(checkpointRoot: string | undefined, input: Readable = process.stdin,
  out: Writable = process.stdout, err: Writable = process.stderr): Promise<number> {
  const engine = engineFor(checkpointRoot, 'manual');
  const session = new ReplSession(engine, { output: new ReplOutput(out, err), scriptLines: true });
  const rl = readline.createInterface({ input, terminal: false, crlfDelay: Infinity });
  let quit = false;
  for await (const line of rl) {
    if (session.feed(line) === 'quit') {
      quit = true;
      break;
    }
  }
  rl.close();
  if (!quit) session.finish();
  engine.close();
  return session.failures > 0 ? 1 : 0;
}

/** The interface's own history array (readline keeps it as a public but untyped property). */
function readlineHistory(rl: readline.Interface): string[] | undefined {
  const h = (rl as unknown as { history?: unknown }).history;
  return Array.isArray(h) ? (h as string[]) : undefined;
}

/**
 * The interactive REPL. Resolves with the exit status (0) when the user quits: Ctrl-D, `\q`, or Ctrl-C twice at an
 * empty prompt. Quitting closes the engine: queries stop, and every batch they committed stays committed.
 */
export function startRepl(checkpointRoot: string | undefined, input: NodeJS.ReadStream = process.stdin,
  out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const engine = engineFor(checkpointRoot, 'continuous');
  const output = new ReplOutput(out);
  const session = new ReplSession(engine, { output, width: () => out.columns || 100 });
  const history = new History(historyFile(), (msg) => output.printError([msg]));
  let inputLines: string[] = [];

  const rl = readline.createInterface({
    input,
    output: out,
    terminal: true,
    prompt: session.prompt(),
    history: [...history.entries],
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string): [string[], string] => {
      const c = session.completion(line);
      // Several candidates: readline lists them below the prompt, so the line above it is no longer the status line.
      if (c.candidates.length > 1) output.noteOtherOutput();
      return [[...c.candidates], c.word];
    },
  });
  output.attach(rl);

  const showPrompt = (): void => {
    rl.setPrompt(session.prompt());
    rl.prompt();
    output.promptShown = true;
  };

  out.write(`Tidemark REPL. Statements end with ';'. \\help lists the commands; Ctrl-D quits.\nCheckpoints: ${engine.checkpointRoot}\n`);

  let lastStatus = '';
  const timer = setInterval(() => {
    if (!session.liveStatus || !output.promptShown) return;
    const text = session.statusText();
    // Rewritten when it changed, or written anew when other output pushed it up from right above the prompt.
    if (text === lastStatus && output.statusIsAbove) return;
    lastStatus = text;
    output.printStatus(text);
  }, STATUS_REFRESH_MS);
  timer.unref();

  let exitArmed = false;
  rl.on('SIGINT', () => {
    output.noteOtherOutput();
    if (rl.line.length > 0 || session.pending) {
      // Leave what was typed on screen, marked ^C, and start over on a fresh prompt. readline climbs up by its own
      // row count before it redraws (for the Ctrl-U that empties its line), so the blank rows give it room.
      exitArmed = false;
      rl.write(null, { ctrl: true, name: 'e' });
      out.write('^C' + '\n'.repeat(rowsReadlineClimbs(rl) + 1));
      rl.write(null, { ctrl: true, name: 'u' });
      session.clear();
      inputLines = [];
      showPrompt();
    } else if (!exitArmed) {
      exitArmed = true;
      out.write('^C\n(press Ctrl-C again or Ctrl-D to exit)\n');
      showPrompt();
    } else {
      out.write('^C\n');
      output.promptShown = false;
      rl.close();
    }
  });

  rl.on('line', (line) => {
    output.promptShown = false;
    output.noteOtherOutput();
    exitArmed = false;
    inputLines.push(line);
    const result = session.feed(line);
    if (result !== 'more') {
      history.add(inputLines);
      inputLines = [];
    }
    // readline added each line itself; show the statement-sized entries instead (Up recalls a whole statement).
    const own = readlineHistory(rl);
    if (own) own.splice(0, own.length, ...history.entries);
    if (result === 'quit') rl.close();
    else showPrompt();
  });

  return new Promise((resolve) => {
    rl.on('close', () => {
      clearInterval(timer);
      if (output.promptShown) out.write('\n');
      output.promptShown = false;
      engine.close();
      resolve(0);
    });
    showPrompt();
  });
}
