// Unit tests: output while a prompt is on screen goes above it, and readline redraws the prompt and the typed input.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ReplOutput, type PromptHost } from './output.js';

function setup(rows: number, prevRows = rows) {
  const out = new PassThrough();
  let written = '';
  out.on('data', (d: Buffer) => { written += d.toString(); });
  const prompts: boolean[] = [];
  const host: PromptHost = { getCursorPos: () => ({ rows, cols: 3 }), prompt: (p) => { prompts.push(p ?? false); written += '<PROMPT>'; }, prevRows };
  const output = new ReplOutput(out);
  output.attach(host);
  return { output, prompts, written: () => written };
}

const UP = (n: number): string => `\x1b[${n}A`;
const CLEAR = '\x1b[0J';

describe('ReplOutput', () => {
  it('writes straight through while no prompt is shown', () => {
    const s = setup(0);
    s.output.print(['a', 'b']);
    expect(s.written()).toBe('a\nb\n');
    expect(s.prompts).toEqual([]);
  });

  it('above a prompt: clears from the prompt row, writes, and has readline redraw the input where it was', () => {
    const s = setup(0);
    s.output.promptShown = true;
    s.output.print(['batch']);
    expect(s.written()).toBe(`\x1b[1G${CLEAR}batch\n<PROMPT>`);
    expect(s.prompts).toEqual([true]);
  });

  it('climbs over input that wraps, and leaves readline the rows it climbs by itself', () => {
    const s = setup(2, 1);
    s.output.promptShown = true;
    s.output.print(['batch']);
    expect(s.written()).toBe(`${UP(2)}\x1b[1G${CLEAR}batch\n\n<PROMPT>`);
  });

  it('overwrites the status line in place while it is the line above the prompt', () => {
    const s = setup(0);
    s.output.printStatus('status 1');
    s.output.promptShown = true;
    s.output.printStatus('status 2');
    expect(s.written()).toBe(`status 1\n${UP(1)}\x1b[1G${CLEAR}status 2\n<PROMPT>`);
    expect(s.output.statusIsAbove).toBe(true);
    s.output.print(['batch']);
    expect(s.output.statusIsAbove).toBe(false);
  });

  it('writes a new status line after other output', () => {
    const s = setup(0);
    s.output.printStatus('status 1');
    s.output.noteOtherOutput();
    s.output.promptShown = true;
    s.output.printStatus('status 2');
    expect(s.written()).toBe(`status 1\n\x1b[1G${CLEAR}status 2\n<PROMPT>`);
  });

  it('sends errors to their own stream in script mode', () => {
    const out = new PassThrough();
    const err = new PassThrough();
    let e = '';
    err.on('data', (d: Buffer) => { e += d.toString(); });
    new ReplOutput(out, err).printError(['ERROR X: y']);
    expect(e).toBe('ERROR X: y\n');
    expect(out.read()).toBeNull();
  });
});
