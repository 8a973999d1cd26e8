// The tidemark command line: open the REPL (the default), run a script, run the golden suite, or run the example.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from './engine.js';
import { EXAMPLE_SQL } from './example.js';
import { runGoldenScript, runGoldenSuite } from './golden-suite.js';
import { runScriptInput, startRepl } from './repl.js';
import { runScript } from './script-runner.js';

const HELP = `tidemark — streaming SQL with event-time windows, watermarks and checkpoints

Usage:
  tidemark run FILE.sql [--checkpoint-root DIR]
      Run a SQL script and print each statement's result in the golden-file format.
      Without --checkpoint-root, checkpoints go to a fresh temporary directory.
  tidemark test [DIR] [--update]
      Run every DIR/inputs/**/*.sql (default DIR: sql-tests) against DIR/results and print
      a diff per mismatch and a last line "N passed, N failed". --update (or
      TIDEMARK_UPDATE_GOLDEN=1) rewrites the expected results instead.
  tidemark example
      Run the built-in example: a windowed aggregation over generated data.
  tidemark [repl] [--checkpoint-root DIR]
      Interactive SQL shell on a terminal; statements end with ';'. With stdin not a terminal, runs
      stdin as a script (results on stdout, errors on stderr) and exits 1 if any statement failed.
  tidemark --help | --version
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  const cmd = args.shift();
  try {
    if (cmd === undefined || cmd === 'repl' || cmd === '--checkpoint-root') {
      if (cmd === '--checkpoint-root') args.unshift(cmd);
      const root = flag(args, '--checkpoint-root');
      if (args.length > 0) {
        process.stderr.write(`tidemark: unexpected argument '${args[0]}'\n\n${HELP}`);
        return 2;
      }
      return process.stdin.isTTY ? await startRepl(root) : await runScriptInput(root);
    }
    switch (cmd) {
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return 0;
      case '--version':
      case '-v': {
        const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
        process.stdout.write(`${pkg.version}\n`);
        return 0;
      }
      case 'run': {
        const root = flag(args, '--checkpoint-root');
        const file = args[0];
        if (!file) {
          process.stderr.write('tidemark run: give a SQL file, e.g. tidemark run script.sql\n');
          return 2;
        }
        const script = fs.readFileSync(file, 'utf8');
        if (root) {
          const engine = new Engine({ checkpointRoot: root });
          process.stdout.write(runScript(script, engine));
          engine.close();
        } else {
          process.stdout.write(runGoldenScript(script));
        }
        return 0;
      }
      case 'test': {
        const update = args.includes('--update') || process.env['TIDEMARK_UPDATE_GOLDEN'] === '1';
        const dir = args.find((a) => !a.startsWith('--')) ?? 'sql-tests';
        if (!fs.existsSync(path.join(dir, 'inputs'))) {
          process.stderr.write(`tidemark test: ${dir}/inputs does not exist\n`);
          return 2;
        }
        const r = runGoldenSuite(dir, update);
        for (const line of r.report) process.stdout.write(line + '\n');
        process.stdout.write(`${r.passed} passed, ${r.failed} failed\n`);
        return r.failed > 0 ? 1 : 0;
      }
      case 'example':
        process.stdout.write(runGoldenScript(EXAMPLE_SQL));
        return 0;
      default:
        process.stderr.write(`tidemark: unknown command '${cmd}'\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    process.stderr.write(`tidemark: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
