// Public API of the SQL front end: split scripts, and parse statements and expressions into the AST of ast.ts.

import type { CstNode, IToken } from 'chevrotain';
import { TidemarkError } from '../common/errors.js';
import type { Expr, Statement } from './ast.js';
import { astBuilder } from './cst-to-ast.js';
import { TEXT_START, toScript, type Origin } from './locations.js';
import { sqlParser } from './parser.js';
import { splitStatements } from './split-statements.js';
import { lexError, syntaxError, type StartRule } from './syntax-errors.js';
import { sqlLexer } from './tokens.js';

export type * from './ast.js';
export type { Origin } from './locations.js';
export { quotedEnd, splitStatements, type StatementPiece } from './split-statements.js';

function tokenize(text: string, origin: Origin): IToken[] {
  const result = sqlLexer.tokenize(text);
  const error = lexError(result, text, origin);
  if (error !== undefined) throw error;
  return result.tokens;
}

/** Bad input must only ever surface as a TidemarkError, even when it exhausts the stack (deep nesting). */
function guarded<R>(origin: Origin, parse: () => R): R {
  try {
    return parse();
  } catch (e) {
    if (e instanceof TidemarkError) throw e;
    if (e instanceof RangeError) {
      throw new TidemarkError('PARSE_ERROR', 'Statement is nested too deeply to parse; simplify it', toScript(1, 1, origin));
    }
    throw new TidemarkError('PARSE_ERROR', `Internal parser error: ${e instanceof Error ? e.message : String(e)}`, toScript(1, 1, origin));
  }
}

function parseCst(text: string, rule: StartRule, origin: Origin): CstNode {
  const tokens = tokenize(text, origin);
  if (tokens.length === 0) {
    throw new TidemarkError('PARSE_ERROR', rule === 'statementEof' ? 'Empty statement' : 'Empty expression', toScript(1, 1, origin));
  }
  sqlParser.input = tokens;
  const cst = rule === 'statementEof' ? sqlParser.statementEof() : sqlParser.expressionEof();
  const first = sqlParser.errors[0];
  if (first !== undefined) throw syntaxError(first, tokens, rule, origin);
  return cst;
}

/**
 * Parses exactly one statement (a trailing `;` is allowed). `origin` is where `text` starts in a larger
 * script, so that spans and error positions are script-relative; span offsets stay relative to `text`.
 */
export function parseStatement(text: string, origin: Origin = TEXT_START): Statement {
  return guarded(origin, () => astBuilder.buildStatement(parseCst(text, 'statementEof', origin), origin));
}

/** Parses a standalone expression, e.g. a column default or a test fixture. */
export function parseExpression(text: string, origin: Origin = TEXT_START): Expr {
  return guarded(origin, () => astBuilder.buildExpression(parseCst(text, 'expressionEof', origin), origin));
}

/** Splits and parses a whole script; the first bad statement throws. */
export function parseScript(script: string): Statement[] {
  return splitStatements(script).map((piece) => parseStatement(piece.text, piece));
}
