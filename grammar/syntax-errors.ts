// Turns lexer and parser failures into PARSE_ERRORs a user can act on: the offending text, where, and what could come there.

import {
  EOF, tokenMatcher, type ILexingResult, type IRecognitionException, type ISyntacticContentAssistPath, type IToken, type TokenType,
} from 'chevrotain';
import { TidemarkError } from '../common/errors.js';
import { positionAfter, positionOf, toScript, type Origin } from './locations.js';
import { sqlParser } from './parser.js';
import * as T from './tokens.js';

export type StartRule = 'statementEof' | 'expressionEof';

const LEXER_ERRORS: ReadonlyMap<TokenType, string> = new Map([
  [T.UnterminatedString, 'Unterminated string literal: close it with \''],
  [T.UnterminatedQuotedIdentifier, 'Unterminated quoted identifier: close it with the quote it opens with (" or `)'],
  [T.UnterminatedComment, 'Unterminated comment: close it with */'],
]);

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(code)}'`;
}

/** The first lexing problem (an unknown character or an unterminated string, identifier or comment), if any. */
export function lexError(result: ILexingResult, text: string, origin: Origin): TidemarkError | undefined {
  const bad = result.errors[0];
  const unterminated = (result.groups[T.ERROR_GROUP] as IToken[] | undefined)?.[0];
  if (unterminated !== undefined && (bad === undefined || unterminated.startOffset < bad.offset)) {
    return new TidemarkError('PARSE_ERROR', LEXER_ERRORS.get(unterminated.tokenType) ?? 'Unterminated literal', positionOf(unterminated, origin));
  }
  if (bad === undefined) return undefined;
  return new TidemarkError('PARSE_ERROR', `Unexpected character ${describeChar(text, bad.offset)}`,
    toScript(bad.line ?? 1, bad.column ?? 1, origin));
}

const top = (p: ISyntacticContentAssistPath): string => p.ruleStack[p.ruleStack.length - 1] ?? '';

/** Rules whose own tokens only continue an expression (`a + ...`, `a AND ...`) or add an optional alias. */
const NOISE_RULES = new Set([
  'orExpression', 'andExpression', 'predicateSuffix', 'concatExpression', 'additiveExpression', 'multiplicativeExpression', 'alias',
]);
/** Continuations that are possible after almost any expression, so listing them would hide the useful ones. */
const isNoise = (p: ISyntacticContentAssistPath): boolean =>
  NOISE_RULES.has(top(p)) || p.nextTokenType === T.Precision
  || (top(p) === 'columnOrCall' && (p.nextTokenType === T.Dot || p.nextTokenType === T.LParen));
const isDurationStart = (p: ISyntacticContentAssistPath): boolean =>
  (top(p) === 'duration' && p.nextTokenType === T.StringLiteral)
  || (top(p) === 'durationPairs' && p.nextTokenType === T.NumberLiteral)
  || (top(p) === 'intervalLiteral' && p.nextTokenType === T.Interval && p.ruleStack.includes('duration'));
const EXPRESSION_START = new Set<TokenType>([
  T.NumberLiteral, T.StringLiteral, T.True, T.False, T.Null, T.Timestamp, T.Interval, T.LParen, T.Case, T.Cast, T.Name,
  T.Not, T.AdditiveOp,
]);
/** Soft keywords that start a clause or a join, so a user writing them rarely means a name. */
const CLAUSE_WORDS = new Set<TokenType>([T.Watermark, T.Emit, T.Inner, T.Left, T.Right, T.Full, T.Outer, T.Cross]);
const JOIN_MODIFIERS = new Set(['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS']);
const PRIORITY = ['SELECT', 'FROM', 'WHERE', 'GROUP BY', 'HAVING', 'WATERMARK', 'ORDER BY', 'LIMIT', 'EMIT', 'UNION', 'JOIN'];
const MAX_LISTED = 8;

function labelsOf(p: ISyntacticContentAssistPath): string[] {
  const t = p.nextTokenType;
  if (t === T.Name || t === T.AnyWord || t === T.AliasName) {
    const rule = top(p);
    if (rule === 'timeUnit') return ['a time unit'];
    if (rule === 'dataType') return [p.ruleStack.includes('columnDefinition') ? 'a column type' : 'a type'];
    return [rule === 'alias' ? 'an alias' : 'a name'];
  }
  if (t === T.NumberLiteral) return ['a number'];
  if (t === T.StringLiteral) return ['a string'];
  if (t === T.AdditiveOp) return ["'+'", "'-'"];
  if (t === T.MultiplicativeOp) return ["'*'", "'/'", "'%'"];
  if (t === T.ComparisonOp) return ["'='", "'<>'", "'<'", "'<='", "'>'", "'>='"];
  if (t === T.Group || t === T.Order) return [`${t.name} BY`];
  return [typeof t.PATTERN === 'string' ? `'${t.PATTERN}'` : t.name];
}

/** `A, B or C`, keeping the list short: a user needs the likely continuations, not the whole grammar. */
function describeExpected(paths: ISyntacticContentAssistPath[], endLabel: string): string {
  const end = paths.some((p) => p.nextTokenType === EOF);
  let rest = paths.filter((p) => p.nextTokenType !== EOF && p.nextTokenType !== T.Semicolon);
  const expression = rest.some((p) => p.nextTokenType === T.NumberLiteral && top(p) === 'primaryExpression');
  if (expression) rest = rest.filter((p) => !EXPRESSION_START.has(p.nextTokenType));
  // At the start of a duration its three forms read better as one example; after a whole `10 min` a number
  // could only continue it (`1 hour 30 minutes`), which is not worth listing.
  const duration = rest.some((p) => p.nextTokenType === T.StringLiteral && top(p) === 'duration');
  const intervalValue = rest.some((p) => p.nextTokenType === T.StringLiteral && top(p) === 'intervalLiteral');
  if (duration) rest = rest.filter((p) => !isDurationStart(p));
  else if (!intervalValue) rest = rest.filter((p) => !(top(p) === 'durationPairs' && p.nextTokenType === T.NumberLiteral));
  const meaningful = rest.filter((p) => !isNoise(p));
  if (meaningful.length > 0 || end || expression || duration) rest = meaningful;
  let labels = [...new Set(rest.flatMap(labelsOf))];
  if (labels.includes('JOIN')) labels = labels.filter((l) => !JOIN_MODIFIERS.has(l));
  const rank = (l: string): number => (PRIORITY.includes(l) ? PRIORITY.indexOf(l) : PRIORITY.length);
  labels = labels.map((l, i) => ({ l, i })).sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i).map((x) => x.l);
  if (expression) labels.push('an expression');
  if (duration) labels.push('a duration (e.g. 10 min)');
  const parts = labels.length > MAX_LISTED ? [...labels.slice(0, MAX_LISTED), '...'] : labels;
  if (end) parts.push(endLabel);
  if (parts.length <= 1) return parts.join('');
  if (parts[parts.length - 1] === '...') return parts.join(', ');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** Edit distance with transpositions, to tell a misspelled keyword (FORM, WHRE) from an intended name. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function looksLikeKeyword(word: string, paths: ISyntacticContentAssistPath[]): boolean {
  const w = word.toUpperCase();
  return w.length >= 3 && paths.some((p) => p.nextTokenType.PATTERN instanceof RegExp && editDistance(w, p.nextTokenType.name) <= 2);
}

function shorten(image: string): string {
  const oneLine = image.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

/** The PARSE_ERROR for the parser's first error, located at the first token the grammar cannot accept. */
export function syntaxError(ex: IRecognitionException, tokens: IToken[], rule: StartRule, origin: Origin): TidemarkError {
  const assist = (n: number): ISyntacticContentAssistPath[] => sqlParser.computeContentAssist(rule, tokens.slice(0, n));
  const accepts = (paths: ISyntacticContentAssistPath[], n: number): boolean => {
    const t = tokens[n];
    return t === undefined ? paths.some((p) => p.nextTokenType === EOF) : paths.some((p) => tokenMatcher(t, p.nextTokenType));
  };
  let idx = ex.token.tokenType === EOF ? tokens.length : tokens.indexOf(ex.token);
  if (idx < 0) idx = tokens.length;
  let expected = assist(idx);
  // With several tokens of lookahead (or a gate) the parser may stop before the token that is really wrong.
  if (accepts(expected, idx)) {
    for (let j = idx + 1; j <= Math.min(tokens.length, idx + 4); j++) {
      const next = assist(j);
      if (!accepts(next, j)) {
        idx = j;
        expected = next;
        break;
      }
    }
  }
  // `SELECT a FORM t` takes FORM as an alias of a and fails at t; the misspelled keyword is the real culprit.
  const prev = tokens[idx - 1];
  if (prev !== undefined && idx >= 1 && tokenMatcher(prev, T.AliasName)) {
    const before = assist(idx - 1);
    if (before.some((p) => top(p) === 'alias' && p.nextTokenType === T.AliasName) && looksLikeKeyword(prev.image, before)) {
      idx -= 1;
      expected = before.filter((p) => top(p) !== 'alias');
    }
  } else if (prev !== undefined && CLAUSE_WORDS.has(prev.tokenType)) {
    // `GROUP BY EMIT UPDATE` reads EMIT as a column and fails at UPDATE; the clause word is what is misplaced.
    const before = assist(idx - 1);
    if (!before.some((p) => p.nextTokenType === prev.tokenType)) {
      idx -= 1;
      expected = before;
    }
  }
  const endLabel = rule === 'statementEof' ? 'end of statement' : 'end of expression';
  const offending = tokens[idx];
  const last = tokens[tokens.length - 1];
  const position = offending !== undefined
    ? positionOf(offending, origin)
    : last !== undefined ? positionAfter(last, origin) : toScript(1, 1, origin);
  const where = offending !== undefined ? `'${shorten(offending.image)}'` : endLabel;
  const list = describeExpected(expected, endLabel);
  return new TidemarkError('PARSE_ERROR', list === '' ? `Syntax error at ${where}` : `Syntax error at ${where}: expected ${list}`, position);
}
