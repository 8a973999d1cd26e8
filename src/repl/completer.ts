// Tab completion: keywords the grammar accepts at the cursor, functions, relations and their columns, meta-commands.

import { assistAfter } from '../../grammar/content-assist.js';
import { RESERVED_WORDS, SOFT_WORDS } from '../../grammar/tokens.js';
import { AGGREGATE_NAMES, SCALAR_FUNCTION_NAMES, WINDOW_FUNCTION_NAMES } from '../../planner/functions.js';
import { META_COMMANDS } from './meta-commands.js';
import { currentStatement, scanInput } from './statement-input.js';

export interface CompletionRelation {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface CompletionContext {
  readonly relations: readonly CompletionRelation[];
}

export interface Completion {
  /** Whole words to put in place of `word`; each starts with `word`, as readline requires. */
  readonly candidates: readonly string[];
  /** The partial word before the cursor that the candidates replace. */
  readonly word: string;
}

/** Functions the binder knows, including the window functions of GROUP BY. */
export const FUNCTION_NAMES: readonly string[] = [
  ...new Set([...SCALAR_FUNCTION_NAMES, ...AGGREGATE_NAMES.keys(), ...WINDOW_FUNCTION_NAMES]),
].sort();

const ALL_KEYWORDS: readonly string[] = [...RESERVED_WORDS, ...SOFT_WORDS].map((t) => t.name).sort();
/** Columns of the struct a window function produces (`window.start`). */
const WINDOW_FIELDS = ['start', 'end'];
const PLAIN_NAME = /^[a-z_][a-z0-9_$]*$/;

/** Names the parser would read back as the same name: plain lower-case words, others double-quoted. */
const asSql = (name: string): string => (PLAIN_NAME.test(name) ? name : `"${name.replace(/"/g, '""')}"`);

/**
 * Cases a candidate like the typed word (SQL words are case-insensitive): all upper-case when the word's letters
 * are, lower-case otherwise; keywords are upper-case when nothing is typed yet.
 */
function cased(word: string, candidate: string, keyword: boolean): string {
  const upper = word === '' ? keyword : /[A-Z]/.test(word) && !/[a-z]/.test(word);
  const rest = candidate.slice(word.length);
  return word + (candidate.startsWith('"') ? rest : upper ? rest.toUpperCase() : rest.toLowerCase());
}

/** The name an identifier as typed stands for: quoted ones keep their case, others are lower-cased. */
const nameOf = (raw: string): string => (raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());

/** Relations named after FROM or JOIN, with the alias each one has (`FROM clicks c`, `JOIN users AS u`). */
function referenced(statement: string, known: readonly CompletionRelation[]): Map<string, CompletionRelation> {
  const byName = new Map(known.map((r) => [r.name, r]));
  const out = new Map<string, CompletionRelation>();
  const re = /\b(?:from|join)\s+("(?:[^"]|"")*"|[A-Za-z_][\w$]*)(?:\s+(?:as\s+)?([A-Za-z_][\w$]*))?/gi;
  for (const m of statement.matchAll(re)) {
    const name = nameOf(m[1]!);
    const rel = byName.get(name);
    if (!rel) continue;
    out.set(name, rel);
    const alias = m[2]?.toLowerCase();
    if (alias !== undefined && !ALL_KEYWORDS.includes(alias.toUpperCase())) out.set(alias, rel);
  }
  return out;
}

function metaCompletion(text: string, ctx: CompletionContext): Completion {
  const m = /^\\(\S*)(\s+(\S*))?$/.exec(text);
  if (!m) return { candidates: [], word: '' };
  if (m[2] === undefined) {
    const word = `\\${m[1]}`;
    return { candidates: META_COMMANDS.filter((c) => c.startsWith(word)), word };
  }
  const word = m[3] ?? '';
  if (m[1] !== 'd') return { candidates: [], word };
  const names = ctx.relations.map((r) => asSql(r.name)).filter((n) => n.startsWith(word.toLowerCase()));
  return { candidates: names.map((n) => cased(word, n, false)).sort(), word };
}

/**
 * Completes the last word of `input`: everything typed so far up to the cursor, earlier lines of a multi-line
 * statement included. Inside a string or a comment nothing is offered.
 */
export function complete(input: string, ctx: CompletionContext): Completion {
  if (/^\s*\\/.test(input)) return metaCompletion(input.trimStart(), ctx);
  if (scanInput(input).open !== undefined) return { candidates: [], word: '' };
  const statement = currentStatement(input);
  const word = /[A-Za-z_][\w$]*$/.exec(statement)?.[0] ?? '';
  const before = statement.slice(0, statement.length - word.length);
  // A word glued to a number or a quote is not a name start (`1e5`, `'a'b`).
  if (/[0-9'"`]$/.test(before)) return { candidates: [], word };
  const assist = assistAfter(before);
  const refs = referenced(statement, ctx.relations);
  const keywords: string[] = [];
  const names: string[] = [];
  if (assist === undefined) {
    keywords.push(...ALL_KEYWORDS);
    names.push(...FUNCTION_NAMES, ...ctx.relations.map((r) => r.name));
  } else if (assist.member !== undefined) {
    const rel = refs.get(assist.member) ?? ctx.relations.find((r) => r.name === assist.member);
    names.push(...(rel ? rel.columns : assist.member === 'window' ? WINDOW_FIELDS : []));
  } else {
    keywords.push(...assist.keywords);
    if (assist.relation) names.push(...ctx.relations.map((r) => r.name));
    if (assist.expression || assist.column) {
      // INSERT INTO t (...: the target's columns; otherwise those of the relations read, or of all before FROM is typed.
      const target = /^\s*insert\s+into\s+("(?:[^"]|"")*"|[A-Za-z_][\w$]*)/i.exec(statement)?.[1];
      const inserted = target === undefined ? undefined : ctx.relations.find((r) => r.name === nameOf(target));
      const rels = inserted ? [inserted] : refs.size > 0 ? [...new Set(refs.values())] : ctx.relations;
      names.push(...rels.flatMap((r) => r.columns));
      if (assist.expression) names.push(...FUNCTION_NAMES);
    }
  }
  const lower = word.toLowerCase();
  const hits = new Set<string>();
  for (const k of keywords) if (k.toLowerCase().startsWith(lower)) hits.add(cased(word, k, true));
  for (const n of names.map(asSql)) if (n.startsWith(lower)) hits.add(cased(word, n, false));
  const candidates = [...hits].sort();
  // One keyword left: add the space that must follow it anyway.
  if (candidates.length === 1 && keywords.some((k) => k.toLowerCase() === candidates[0]!.toLowerCase())) {
    return { candidates: [`${candidates[0]!} `], word };
  }
  return { candidates, word };
}
