// The tidemark command line: open the REPL (the default), run a script, run the golden suite, or run the example.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine } from './engine.js';
import { EXAMPLE_SQL } from './example.js';
import { runGoldenScript, runGoldenSuite } from './golden-suite.js';
import { runScriptInput, startRepl } from './repl.js';
import { runCommand } from './run-command.js';

const HELP = `tidemark — streaming SQL with event-time windows, watermarks and checkpoints

Usage:
  tidemark run FILE.sql [--checkpoint-root DIR] [--progress FILE|-]
      Run a SQL script and print each statement's result in the golden-file format.
      Without --checkpoint-root, checkpoints (and relative sink paths) go to a fresh temporary directory. Relative
      source paths in the script (a files source's path) resolve against its directory.
      --progress writes each micro-batch's progress (Spark's StreamingQueryProgress)
      as one JSON line to FILE, or to stderr with '-'.
      Queries run on TRIGGER unless they set WITH (trigger = ...): run then prints their
      batches as they run and exits once none is left running (SIGINT/SIGTERM stop them).
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
        const rootAt = args.indexOf('--checkpoint-root');
        const root = flag(args, '--checkpoint-root');
        const progressAt = args.indexOf('--progress');
        const progress = flag(args, '--progress');
        const file = args[0];
        if (rootAt >= 0 && (root === undefined || root === '')) {
          // Silently falling back to a temporary directory would lose the checkpoints the user asked to keep.
          process.stderr.write('tidemark run: --checkpoint-root needs a directory\n');
          return 2;
        }
        if (progressAt >= 0 && (progress === undefined || progress === '')) {
          process.stderr.write("tidemark run: --progress needs a file to write to, or '-' for stderr\n");
          return 2;
        }
        if (args.length > 1 || file?.startsWith('--')) {
          process.stderr.write(`tidemark run: unexpected argument '${args.length > 1 ? args[1] : file}'\n\n${HELP}`);
          return 2;
        }
        if (!file) {
          process.stderr.write('tidemark run: give a SQL file, e.g. tidemark run script.sql\n');
          return 2;
        }
        // Relative source paths in a script resolve against its directory (as in `tidemark test`).
        const baseDir = path.dirname(path.resolve(file));
        const fd = progress === undefined ? undefined : progress === '-' ? 2 : fs.openSync(progress, 'w');
        // One JSON object per line (NDJSON), written as each batch commits, so a reader can follow the file.
        const report = (engine: Engine): void => {
          if (fd !== undefined) engine.progress$.subscribe((p) => fs.writeSync(fd, `${JSON.stringify(p)}\n`));
        };
        try {
          return await runCommand(fs.readFileSync(file, 'utf8'), { checkpointRoot: root, baseDir, prepare: report }, (text) => process.stdout.write(text));
        } finally {
          if (fd !== undefined && fd !== 2) fs.closeSync(fd);
        }
      }
      case 'test': {
        const update = args.includes('--update') || process.env['TIDEMARK_UPDATE_GOLDEN'] === '1';
        const rest = args.filter((a) => a !== '--update');
        if (rest.length > 1 || rest[0]?.startsWith('--')) {
          process.stderr.write(`tidemark test: unexpected argument '${rest.length > 1 ? rest[1] : rest[0]}'\n\n${HELP}`);
          return 2;
        }
        const dir = rest[0] ?? 'sql-tests';
        if (!fs.existsSync(path.join(dir, 'inputs'))) {
          // A script given instead of the suite's directory: say what test takes, and how to run one script.
          const file = fs.existsSync(dir) && fs.statSync(dir).isFile();
          process.stderr.write(file
            ? `tidemark test: takes a directory holding inputs/ and results/ (default sql-tests), not a file; run one script with tidemark run ${dir}\n`
            : `tidemark test: ${dir}/inputs does not exist\n`);
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
