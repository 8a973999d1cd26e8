// Errors as the REPL shows them: the code and message, then the offending line of the statement with a caret under the position.

import type { TidemarkError } from '../../common/errors.js';
import { charWidth, displayWidth } from './table.js';

/** Where the text an error's position refers to came from: its lines, and the line number of its first one. */
export interface ErrorSource {
  readonly text: string;
  readonly firstLine: number;
}

/** Characters of a line that a terminal draws: tabs become one space (positions count a tab as one column). */
const printable = (s: string): string => [...s].map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? ' ' : ch)).join('');

/**
 * The source line under `LINE n: ` and a caret under `column` (1-based, in UTF-16 units as the lexer counts);
 * a line wider than `width` cells is shown as a window around the caret, cut ends marked with `...`.
 */
export function caretLines(lineText: string, lineNo: number, column: number, width = 100): string[] {
  const label = `LINE ${lineNo}: `;
  let text = printable(lineText);
  let col = Math.min(Math.max(column - 1, 0), text.length);
  const room = Math.max(20, width - label.length);
  if (displayWidth(text) > room) {
    // Keep about a third of the room before the caret, then fill the rest after it.
    let start = col;
    let before = 0;
    const cpBefore = [...text.slice(0, col)];
    while (cpBefore.length > 0 && before + charWidth(cpBefore[cpBefore.length - 1]!) <= Math.floor(room / 3)) {
      const ch = cpBefore.pop()!;
      before += charWidth(ch);
      start -= ch.length;
    }
    let end = col;
    let used = before;
    for (const ch of text.slice(col)) {
      if (used + charWidth(ch) > room - 6) break;
      used += charWidth(ch);
      end += ch.length;
    }
    const head = start > 0 ? '...' : '';
    const tail = end < text.length ? '...' : '';
    col = col - start + head.length;
    text = head + text.slice(start, end) + tail;
  }
  return [label + text, ' '.repeat(displayWidth(label) + displayWidth(text.slice(0, col))) + '^'];
}

/**
 * `ERROR CODE: message`, then (when the error has a position inside `source`) the line and a caret. Without a
 * source line to show, the message keeps its " (line L, column C)".
 */
export function renderError(err: TidemarkError, source?: ErrorSource, width?: number): string[] {
  const pos = err.position;
  if (pos === undefined || source === undefined) return [`ERROR ${err.code}: ${err.message}`];
  const lines = source.text.split(/\r\n|\r|\n/);
  const lineText = lines[pos.line - source.firstLine];
  if (lineText === undefined) return [`ERROR ${err.code}: ${err.message}`];
  return [`ERROR ${err.code}: ${err.detail}`, ...caretLines(lineText, pos.line, pos.column, width)];
}
