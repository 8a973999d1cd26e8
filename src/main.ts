// Process entry of the tidemark command: runs the CLI and sets the exit code.

import { main } from './cli.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
