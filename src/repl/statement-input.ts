// When typed input is complete: the `;` that end statements, outside strings, quoted names and comments.

import { quotedEnd, splitStatements } from '../../grammar/index.js';

/** What the end of the input is inside of, if anything: input inside one of these cannot end there. */
export type OpenConstruct = 'string' | 'quoted name' | 'backticked name' | 'line comment' | 'block comment' | undefined;

export interface InputScan {
  /** Offset just past the last `;` that ends a statement, or -1 when there is none. */
  readonly lastEnd: number;
  readonly open: OpenConstruct;
}

/**
 * Scans as grammar/split-statements.ts splits, so that input ends where the statements will be cut: quotes double to
 * escape, strings also take backslash escapes. A quote left open keeps the input open (the splitter, which sees whole
 * scripts, lets an unclosed quote quote nothing).
 */
export function scanInput(text: string): InputScan {
  let lastEnd = -1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = quotedEnd(text, i, c);
      if (end < 0) return { lastEnd, open: c === "'" ? 'string' : c === '"' ? 'quoted name' : 'backticked name' };
      i = end;
    } else if (text.startsWith('--', i)) {
      const nl = text.slice(i).search(/[\r\n]/);
      if (nl < 0) return { lastEnd, open: 'line comment' };
      i += nl;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return { lastEnd, open: 'block comment' };
      i = close + 2;
    } else {
      if (c === ';') lastEnd = i + 1;
      i++;
    }
  }
  return { lastEnd, open: undefined };
}

/**
 * Splits buffered input into the part that is ready to run (up to and including the last statement-ending `;`)
 * and the rest, which stays buffered; a rest of only blanks and comments is dropped.
 */
export function takeComplete(buffer: string): { readonly ready: string; readonly rest: string } {
  const { lastEnd } = scanInput(buffer);
  if (lastEnd < 0) return { ready: '', rest: buffer };
  const rest = buffer.slice(lastEnd);
  return { ready: buffer.slice(0, lastEnd), rest: isBlank(rest) && scanInput(rest).open === undefined ? '' : rest };
}

/** True when the text holds no statement: only blanks, `;` and closed comments. */
export function isBlank(text: string): boolean {
  return splitStatements(text).length === 0;
}

/** The text of the statement being typed: what follows the last statement-ending `;`. */
export function currentStatement(text: string): string {
  const { lastEnd } = scanInput(text);
  return lastEnd < 0 ? text : text.slice(lastEnd);
}
