// The grammar as EBNF-like text, rendered from the parser's own grammar AST (GAST), for the generated reference.

import {
  Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator, RepetitionWithSeparator,
  Terminal, type IProduction, type Rule, type TokenType,
} from 'chevrotain';
import { sqlParser } from './parser.js';
import * as T from './tokens.js';

// Notation: KEYWORD, "punctuation", <rule>, [ optional ], { repeated zero or more times }, ( a | b ).
// Names, strings and numbers are placeholders in lower case: `name`, 'string', `number`, or the label the rule gives
// them (`column`, 'pattern').

const KEYWORDS: ReadonlySet<TokenType> = new Set([...T.RESERVED_WORDS, ...T.SOFT_WORDS]);
const NAME_TOKENS: ReadonlySet<TokenType> = new Set([T.Name, T.AliasName, T.AnyWord]);
const OPERATOR_CATEGORIES: ReadonlySet<TokenType> = new Set([T.ComparisonOp, T.AdditiveOp, T.MultiplicativeOp]);

/** The rules a statement or expression is built from (the two entry rules only add the end of input). */
const ENTRY_RULES: ReadonlySet<string> = new Set(['statementEof', 'expressionEof']);

const productions = (): Record<string, Rule> => sqlParser.getGAstProductions();

/** The sequences a choice chooses between (chevrotain types them as plain productions). */
function choices(a: Alternation): IProduction[][] {
  return a.definition.map((alt) => {
    if (!(alt instanceof Alternative)) throw new Error('a choice holds something other than alternatives');
    return alt.definition;
  });
}

/** Punctuation and operators in double quotes, so that `"("` is told apart from the notation's own parentheses. */
function patternOf(t: TokenType): string {
  if (typeof t.PATTERN === 'string') return `"${t.PATTERN}"`;
  throw new Error(`token ${t.name} has no literal text to show`);
}

function terminalText(p: Terminal): string {
  const t = p.terminalType;
  if (KEYWORDS.has(t)) return t.name;
  if (NAME_TOKENS.has(t)) return p.label ?? 'name';
  if (t === T.StringLiteral) return `'${p.label ?? 'string'}'`;
  if (t === T.NumberLiteral) return p.label ?? 'number';
  if (OPERATOR_CATEGORIES.has(t)) {
    const ops = T.allTokens.filter((o) => o !== t && (o.CATEGORIES ?? []).includes(t)).map(patternOf);
    return `( ${ops.join(' | ')} )`;
  }
  return patternOf(t);
}

/** True when the rule is a plain sequence of terminals, short enough to show in place of its name. */
function isSimple(rule: Rule): boolean {
  return rule.definition.every((p) => p instanceof Terminal);
}

export interface RenderOptions {
  /** Show rules that are plain sequences of terminals (`IF NOT EXISTS`) in place of `<ifNotExists>`. */
  readonly inlineSimple?: boolean;
}

function seq(ps: readonly IProduction[], opts: RenderOptions): string {
  return ps.map((p) => production(p, opts)).filter((s) => s !== '').join(' ');
}

/** Inside [ ] or { } a lone choice needs no parentheses of its own: `[ ALL | DISTINCT ]`. */
function bracketed(ps: readonly IProduction[], opts: RenderOptions): string {
  const [only, ...rest] = ps;
  if (only instanceof Alternation && rest.length === 0) return choices(only).map((a) => seq(a, opts)).join(' | ');
  return seq(ps, opts);
}

function production(p: IProduction, opts: RenderOptions): string {
  if (p instanceof Terminal) return p.terminalType.name === 'EOF' ? '' : terminalText(p);
  if (p instanceof NonTerminal) {
    const rule = productions()[p.nonTerminalName];
    if (opts.inlineSimple && rule && isSimple(rule)) return seq(rule.definition, opts);
    return `<${p.nonTerminalName}>`;
  }
  if (p instanceof Option) return `[ ${bracketed(p.definition, opts)} ]`;
  if (p instanceof Repetition) return `{ ${bracketed(p.definition, opts)} }`;
  if (p instanceof RepetitionMandatory) {
    const one = seq(p.definition, opts);
    return `${one} { ${one} }`;
  }
  if (p instanceof RepetitionMandatoryWithSeparator) {
    const one = seq(p.definition, opts);
    return `${one} { ${patternOf(p.separator)} ${one} }`;
  }
  if (p instanceof RepetitionWithSeparator) {
    const one = seq(p.definition, opts);
    return `[ ${one} { ${patternOf(p.separator)} ${one} } ]`;
  }
  if (p instanceof Alternation) return `( ${choices(p).map((a) => seq(a, opts)).join(' | ')} )`;
  throw new Error(`unexpected grammar production ${p.constructor.name}`);
}

/** The right-hand side of a rule: one line, or one alternative per line when the rule is a choice. */
export function ruleBody(name: string, opts: RenderOptions = {}): string[] {
  const rule = productions()[name];
  if (!rule) throw new Error(`no grammar rule '${name}'`);
  const only = rule.definition.length === 1 ? rule.definition[0] : undefined;
  if (only instanceof Alternation) return choices(only).map((a) => seq(a, opts));
  return [seq(rule.definition, opts)];
}

/** The rule as `name ::= ...`, choices on lines of their own starting with `|`. */
export function ruleText(name: string): string {
  const body = ruleBody(name);
  if (body.length === 1) return `${name} ::= ${body[0]}`;
  return [`${name} ::=`, ...body.map((b, i) => `${i === 0 ? '    ' : '  | '}${b}`)].join('\n');
}

/** Names of the rules statements and expressions are built from, in the order the parser defines them. */
export function grammarRuleNames(): string[] {
  return Object.keys(productions()).filter((n) => !ENTRY_RULES.has(n));
}

/** The rules the `statement` rule chooses between, in its order. */
export function statementAlternatives(): string[] {
  const rule = productions()['statement'];
  const only = rule?.definition.length === 1 ? rule.definition[0] : undefined;
  if (!(only instanceof Alternation)) throw new Error("the 'statement' rule is no longer a single choice");
  return choices(only).map((a) => {
    const [nt, ...rest] = a;
    if (!(nt instanceof NonTerminal) || rest.length) throw new Error("an alternative of 'statement' is not a single rule");
    return nt.nonTerminalName;
  });
}

/**
 * A statement rule that is a keyword then a choice of rules (`CREATE ( <createSourceBody> | ... )`) as its keyword and
 * those rules; undefined for any other rule.
 */
export function statementFamily(name: string): { readonly keyword: string; readonly rules: readonly string[] } | undefined {
  const def = productions()[name]?.definition ?? [];
  const [kw, choice] = def;
  if (def.length !== 2 || !(kw instanceof Terminal) || !(choice instanceof Alternation)) return undefined;
  const rules = choices(choice).map(([only, ...rest]) => (only instanceof NonTerminal && rest.length === 0 ? only.nonTerminalName : undefined));
  if (rules.some((r) => r === undefined)) return undefined;
  return { keyword: terminalText(kw), rules: rules as string[] };
}
