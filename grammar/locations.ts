// Source positions: maps token and CST locations to script-relative line/column and AST spans.

import type { CstNode, IToken } from 'chevrotain';
import type { SourcePosition } from '../common/errors.js';
import type { Span } from './ast.js';

/** Position of the parsed text's first character inside a larger script (1-based). */
export interface Origin {
  readonly line: number;
  readonly column: number;
}

export const TEXT_START: Origin = { line: 1, column: 1 };

/** The location fields shared by tokens and CST nodes (endOffset is inclusive, as Chevrotain reports it). */
export interface Loc {
  readonly startOffset: number;
  readonly startLine?: number | undefined;
  readonly startColumn?: number | undefined;
  readonly endOffset?: number | undefined;
  readonly endLine?: number | undefined;
  readonly endColumn?: number | undefined;
}

export function locOf(element: CstNode | IToken): Loc {
  if ('image' in element) return element;
  if (element.location === undefined) throw new Error(`CST node ${element.name} has no location`);
  return element.location;
}

/** Lines add up; the column offset applies only to the text's first line, as the rest start at column 1. */
export function toScript(line: number, column: number, origin: Origin): SourcePosition {
  return { line: line + origin.line - 1, column: line === 1 ? column + origin.column - 1 : column };
}

export function positionOf(loc: Loc, origin: Origin): SourcePosition {
  return toScript(loc.startLine ?? 1, loc.startColumn ?? 1, origin);
}

/** Position just after a token, where an error about a missing continuation is reported. */
export function positionAfter(loc: Loc, origin: Origin): SourcePosition {
  return toScript(loc.endLine ?? 1, (loc.endColumn ?? 0) + 1, origin);
}

export function spanOf(from: Loc, to: Loc, origin: Origin): Span {
  const { line, column } = positionOf(from, origin);
  return { line, column, start: from.startOffset, end: (to.endOffset ?? from.startOffset) + 1 };
}

/** The span covering two spans (e.g. both operands of a binary expression). */
export function spanJoin(first: Span, last: Span): Span {
  return { line: first.line, column: first.column, start: first.start, end: last.end };
}

export function spanPosition(span: Span): SourcePosition {
  return { line: span.line, column: span.column };
}
