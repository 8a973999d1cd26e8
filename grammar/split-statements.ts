// Splits a SQL script into statements on the `;` that lie outside strings, quoted identifiers and comments.

export interface StatementPiece {
  /** The statement, trimmed, without its `;` and without the comment lines before it. */
  readonly text: string;
  /** Offset of the statement's first character in the script. */
  readonly start: number;
  /** 1-based line and column of that character. */
  readonly line: number;
  readonly column: number;
}

/**
 * Index just past the quoted run starting at `i` (`'it''s'`), or -1 when it is never closed.
 * Strings also take backslash escapes (`'it\'s'`), quoted identifiers do not.
 */
export function quotedEnd(text: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < text.length) {
    if (quote === "'" && text[j] === '\\') {
      j += 2;
    } else if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j++;
    }
  }
  return -1;
}

function skipLineComment(text: string, i: number): number {
  let j = i + 2;
  while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  return j;
}

/** Index past `*\/`, or -1 when the comment is never closed. */
function blockCommentEnd(text: string, i: number): number {
  const close = text.indexOf('*/', i + 2);
  return close < 0 ? -1 : close + 2;
}

/** Offset of the first character that is neither blank nor inside a leading comment. */
function skipBlankAndComments(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    if (/\s/.test(text[i]!)) i++;
    else if (text.startsWith('--', i)) i = skipLineComment(text, i);
    else if (text.startsWith('/*', i)) {
      const end = blockCommentEnd(text, i);
      // An unclosed comment is kept so that parsing reports it instead of silently dropping the rest.
      if (end < 0 || end > to) return i;
      i = end;
    } else return i;
  }
  return to;
}

/** Start offsets of every line; line breaks are \n, \r\n and \r, as for the lexer. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

export function splitStatements(script: string): StatementPiece[] {
  const pieces: StatementPiece[] = [];
  const starts = lineStarts(script);
  let lineIdx = 0;
  const emit = (from: number, to: number): void => {
    const begin = skipBlankAndComments(script, from, to);
    let end = to;
    while (end > begin && /\s/.test(script[end - 1]!)) end--;
    if (begin >= end) return;
    while (lineIdx + 1 < starts.length && starts[lineIdx + 1]! <= begin) lineIdx++;
    pieces.push({ text: script.slice(begin, end), start: begin, line: lineIdx + 1, column: begin - starts[lineIdx]! + 1 });
  };
  let pieceStart = 0;
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === "'" || c === '"' || c === '`') {
      // An unclosed string or name quotes nothing: its statement still ends at the next `;` (the parser reports the
      // unclosed quote there), and the script goes on with the next statement.
      const end = quotedEnd(script, i, c);
      i = end < 0 ? i + 1 : end;
    } else if (script.startsWith('--', i)) i = skipLineComment(script, i);
    else if (script.startsWith('/*', i)) {
      const end = blockCommentEnd(script, i);
      i = end < 0 ? script.length : end;
    } else if (c === ';') {
      emit(pieceStart, i);
      pieceStart = ++i;
    } else i++;
  }
  emit(pieceStart, script.length);
  return pieces;
}
