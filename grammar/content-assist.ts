// Content assist for completion: which keywords and which kinds of names the grammar accepts after a statement prefix.

import type { ISyntacticContentAssistPath, TokenType } from 'chevrotain';
import { decodeName } from './literals.js';
import { sqlParser } from './parser.js';
import * as T from './tokens.js';

export interface Assist {
  /** Keywords (upper case) the grammar accepts next; soft keywords only where they are not just a name. */
  readonly keywords: readonly string[];
  /** A relation name may come next (FROM, JOIN, INSERT INTO, DESCRIBE, DROP ..., RESTART). */
  readonly relation: boolean;
  /** A column or function name may come next (an expression, a select item). */
  readonly expression: boolean;
  /** Only a column name may come next (a WATERMARK column, INSERT's column list). */
  readonly column: boolean;
  /** After `x.`: the name `x` (a relation, an alias or `window`), whose columns may come next. */
  readonly member: string | undefined;
}

const KEYWORDS: ReadonlySet<TokenType> = new Set([...T.RESERVED_WORDS, ...T.SOFT_WORDS]);
const RELATION_RULES = new Set(['fromPrimary', 'describeStatement', 'dropStatement', 'restartStatement']);
const EXPRESSION_RULES = new Set(['columnOrCall', 'selectItem']);

const top = (p: ISyntacticContentAssistPath): string => p.ruleStack[p.ruleStack.length - 1] ?? '';

/**
 * What may follow `prefix`, the start of one statement up to (not including) the word being completed.
 * Undefined when the prefix does not lex (an unknown character, an open string, quoted name or comment).
 */
export function assistAfter(prefix: string): Assist | undefined {
  const lexed = T.sqlLexer.tokenize(prefix);
  if (lexed.errors.length > 0 || ((lexed.groups[T.ERROR_GROUP] as unknown[] | undefined)?.length ?? 0) > 0) return undefined;
  const tokens = lexed.tokens;
  let paths: ISyntacticContentAssistPath[];
  try {
    paths = sqlParser.computeContentAssist('statementEof', tokens);
  } catch {
    return undefined;
  }
  const keywords = new Set<string>();
  let relation = false;
  let expression = false;
  let column = false;
  let member: string | undefined;
  const last = tokens[tokens.length - 1];
  for (const p of paths) {
    const next = p.nextTokenType;
    if (KEYWORDS.has(next)) {
      keywords.add(next.name);
    } else if (next === T.Name) {
      const rule = top(p);
      // INSERT INTO t (a, b): after INTO a relation, inside the parentheses columns.
      if (RELATION_RULES.has(rule) || (rule === 'insertStatement' && last?.tokenType === T.Into)) relation = true;
      else if (EXPRESSION_RULES.has(rule)) expression = true;
      else if (rule === 'watermarkItem' || rule === 'insertStatement') column = true;
    } else if ((next === T.AnyWord || next === T.Star) && last?.tokenType === T.Dot) {
      const qualifier = tokens[tokens.length - 2];
      if (qualifier !== undefined) {
        try {
          member = decodeName(qualifier.image, { line: 1, column: 1 }).name;
        } catch {
          // An empty quoted name qualifies nothing.
        }
      }
    }
  }
  return { keywords: [...keywords].sort(), relation, expression, column, member };
}
