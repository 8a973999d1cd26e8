// Generates docs/reference.md from the code (grammar, keywords, types, functions, options, error codes): `npm run docs`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODE_DOCS } from '../common/errors.js';
import { UNITS } from '../common/time.js';
import type { DataType } from '../common/types.js';
import { grammarRuleNames, ruleBody, ruleText, statementAlternatives, statementFamily } from '../grammar/grammar-text.js';
import { ACCEPTED_TYPES, TYPE_NAMES } from '../grammar/literals.js';
import { RESERVED_WORDS, SOFT_WORDS, AliasName } from '../grammar/tokens.js';
import { AGGREGATE_DOCS, SCALAR_DOCS, WINDOW_FUNCTION_DOCS, type ScalarDoc } from '../planner/function-docs.js';
import { AGGREGATE_NAMES, SCALAR_ALIASES } from '../planner/functions.js';
import { CONNECTORS, QUERY_OPTIONS, type OptionSpec, type OptionType } from '../src/options.js';
import { STATEMENT_DOCS } from './statement-docs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE_FILE = path.join(ROOT, 'docs', 'reference.md');
export const REGENERATE = 'npx tsx scripts/gen-reference.ts';

/** A markdown table cell: pipes escaped, so that a doc line never splits a row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');
const code = (s: string): string => `\`${s}\``;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${head.join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
];

/** The statements as the grammar lists them, a keyword-then-choice rule (CREATE) expanded into its choices. */
export function statementRules(): { readonly rule: string; readonly prefix: string }[] {
  return statementAlternatives().flatMap((rule) => {
    const family = statementFamily(rule);
    return family ? family.rules.map((r) => ({ rule: r, prefix: `${family.keyword} ` })) : [{ rule, prefix: '' }];
  });
}

function statementsSection(): string[] {
  const rules = statementRules();
  const documented = Object.keys(STATEMENT_DOCS);
  const missing = rules.map((r) => r.rule).filter((r) => !documented.includes(r));
  const stale = documented.filter((d) => !rules.some((r) => r.rule === d));
  if (missing.length || stale.length) {
    throw new Error(`STATEMENT_DOCS in scripts/statement-docs.ts and the grammar's statement rule differ: `
      + `${missing.length ? `undocumented ${missing.join(', ')}` : ''}${missing.length && stale.length ? '; ' : ''}${stale.length ? `no longer in the grammar ${stale.join(', ')}` : ''}.`);
  }
  const out = ['## Statements', '',
    'Statements end with `;`. Every statement the parser accepts is below, in the order of its `statement` rule; the syntax',
    'lines are rendered from the grammar (see [Grammar](#grammar) for the rules in `<angle brackets>`).', ''];
  for (const { rule, prefix } of rules) {
    const doc = STATEMENT_DOCS[rule]!;
    out.push(`### ${doc.title}`, '', doc.doc, '', '```text', ...ruleBody(rule, { inlineSimple: true }).map((b) => prefix + b), '```', '',
      'Example:', '', '```sql', doc.example, '```', '');
  }
  return out;
}

/** Statement rules first, then queries, then expressions: the parser defines expressions first (a base class). */
function grammarOrder(): string[] {
  const names = grammarRuleNames();
  const i = names.indexOf('statement');
  return i < 0 ? names : [...names.slice(i), ...names.slice(0, i)];
}

function grammarSection(): string[] {
  return ['## Grammar', '',
    'Rendered from the parser (`grammar/parser.ts`, `grammar/parser-expressions.ts`). Notation: `KEYWORD`, `"punctuation"`,',
    "`<rule>`, `[ optional ]`, `{ repeated zero or more times }`, `( one | other )`. Lower-case words are placeholders: `name`",
    "(an identifier, a soft keyword, or a `\"quoted\"` or `` `quoted` `` name), `'string'` (a string literal), `number`; a rule",
    'may call them by what they hold (`column`, `target`, `\'pattern\'`). Keywords are case-insensitive.', '',
    '```text', ...grammarOrder().flatMap((n, i) => (i === 0 ? [ruleText(n)] : ['', ruleText(n)])), '```', ''];
}

function keywordsSection(): string[] {
  const names = (ts: readonly { name: string }[]): string => ts.map((t) => code(t.name)).join(', ');
  const clauseWords = SOFT_WORDS.filter((t) => !(t.CATEGORIES ?? []).includes(AliasName));
  return ['## Keywords', '',
    `Reserved (usable as a name only when quoted, or after \`.\` and \`AS\`): ${names(RESERVED_WORDS)}.`, '',
    `Soft (usable as names anywhere): ${names(SOFT_WORDS)}.`, '',
    `Of the soft keywords, ${names(clauseWords)} may start a clause or a join, so they are never taken as an alias without \`AS\`.`, ''];
}

const UNIT_LENGTHS: ReadonlyMap<number, string> = new Map([
  [1, 'microsecond'], [1_000, 'millisecond'], [1_000_000, 'second'], [60_000_000, 'minute'], [3_600_000_000, 'hour'],
  [86_400_000_000, 'day'], [604_800_000_000, 'week'],
]);

function typesSection(): string[] {
  const byType = new Map<DataType, string[]>();
  for (const [name, type] of TYPE_NAMES) byType.set(type, [...(byType.get(type) ?? []), name.toUpperCase()]);
  const byLength = new Map<number, string[]>();
  for (const [name, micros] of UNITS) byLength.set(micros, [...(byLength.get(micros) ?? []), name]);
  const unitRows = [...byLength].map(([micros, names]) => {
    const label = UNIT_LENGTHS.get(micros);
    if (!label) throw new Error(`gen-reference: no name for a time unit of ${micros} microseconds; add it to UNIT_LENGTHS`);
    return [label, names.map(code).join(', ')];
  });
  return ['## Types and durations', '',
    ...table(['Type', 'Spellings'], [...byType].map(([t, names]) => [code(t), names.map(code).join(', ')])), '',
    `The parser's own summary: ${ACCEPTED_TYPES}.`, '',
    'TIMESTAMP values are microseconds in UTC. As text (`TIMESTAMP \'...\'`, CAST, INSERT, the files formats) they read as',
    'Spark reads them: a year of 4 to 6 digits (a sign before it allowed), then optionally `-month`, `-day`, a space or `T`',
    'and `hour:minute`, `:second`, `.fraction` (each field of one or two digits, each part needing the one before), and an',
    "optional `Z`, `UTC` or `±hh:mm` offset (at most ±18:00): `'2024'` is 2024-01-01 00:00:00, `'2024-5-7 8:05'` is",
    '2024-05-07 08:05:00. Text that does not read is NULL (CAST) or an error.', '',
    "Durations (window sizes, WATERMARK delays, `INTERVAL`, the `trigger` option) are a number and a unit, repeated:",
    "`'10 minutes'`, `'1 hour 30 minutes'`, `INTERVAL '10' MINUTE`, `INTERVAL 10 MINUTES`, or bare where the grammar expects a",
    'duration (`WATERMARK ts 10 min`). Units, case-insensitive:', '',
    ...table(['Unit', 'Names'], unitRows), ''];
}

function paramList(d: ScalarDoc): string {
  const ps = d.params.map((p) => `${p.name} ${p.type}`);
  const required = ps.length - (d.optional ?? 0);
  let text = ps.slice(0, required).join(', ');
  for (const p of ps.slice(required)) text += text ? ` [, ${p}` : `[ ${p}`;
  const more = d.variadic ? ', ...' : '';
  // With no required parameter the repetition is optional too: `[ v any, ... ]`.
  return required === 0 ? `${text}${more}${' ]'.repeat(ps.length)}` : `${text}${' ]'.repeat(ps.length - required)}${more}`;
}

function aliasesOf(names: Iterable<[string, string]>, target: string): string[] {
  return [...names].filter(([alias, fn]) => fn === target && alias !== target).map(([alias]) => alias);
}

function functionsSection(): string[] {
  const scalarRows = (Object.keys(SCALAR_DOCS) as (keyof typeof SCALAR_DOCS)[]).sort().map((fn) => {
    const d = SCALAR_DOCS[fn];
    const aliases = aliasesOf(SCALAR_ALIASES, fn);
    const returns = d.returns === 'type of first' ? `type of ${d.params[0]!.name}` : d.returns;
    return [code(`${fn}(${paramList(d)})`), returns, d.doc + (aliases.length ? ` Also ${aliases.map(code).join(', ')}.` : '')];
  });
  const aggRows = (Object.keys(AGGREGATE_DOCS) as (keyof typeof AGGREGATE_DOCS)[]).map((fn) => {
    const d = AGGREGATE_DOCS[fn];
    const aliases = aliasesOf(AGGREGATE_NAMES, fn);
    const returns = d.returns === 'widened' ? 'BIGINT (DOUBLE for a DOUBLE x)' : d.returns;
    return [code(d.call), d.accepts === 'none' ? '—' : d.accepts, returns, d.doc + (aliases.length ? ` Also ${aliases.map(code).join(', ')}.` : '')];
  });
  const windowRows = (Object.keys(WINDOW_FUNCTION_DOCS) as (keyof typeof WINDOW_FUNCTION_DOCS)[]).map((fn) => {
    const d = WINDOW_FUNCTION_DOCS[fn];
    return [code(d.signature), d.doc, code(d.example)];
  });
  return ['## Functions', '',
    'Parameter types: a SQL type, `number` (INT, BIGINT or DOUBLE), `integer` (INT or BIGINT), `any`, `T` (the arguments are',
    'brought to one common type, which the function returns), `integer constant` (a literal). A NULL argument gives NULL',
    'unless the description says otherwise. Function names are case-insensitive.', '',
    '### Scalar functions', '', ...table(['Function', 'Returns', 'Description'], scalarRows), '',
    '### Aggregate functions', '',
    'In SELECT and HAVING of a grouped query (or of a query without GROUP BY, over all rows). NULL values of x are ignored.', '',
    ...table(['Call', 'x', 'Returns', 'Description'], aggRows), '',
    '### Window functions', '',
    'One per GROUP BY, over a TIMESTAMP column; sizes are durations. SELECT names the window as `window.start` and',
    '`window.end` (or `window_start`, `window_end`).', '',
    ...table(['Function', 'Windows', 'Example'], windowRows), ''];
}

function typeText(t: OptionType): string {
  switch (t.kind) {
    case 'number': return 'number';
    case 'string': return 'string';
    case 'duration': return 'duration';
    case 'timestamp': return 'timestamp';
    case 'enum': return t.values.map((v) => code(`'${v}'`)).join(' | ');
    default: {
      const never: never = t;
      throw new Error(`unknown option type ${JSON.stringify(never)}`);
    }
  }
}

/** A default as written in SQL: quoted when it is one of the option's accepted strings. */
function defaultText(o: OptionSpec): string {
  if (o.default === undefined) return '—';
  return code(o.type.kind === 'enum' && o.type.values.includes(o.default) ? `'${o.default}'` : o.default);
}

const optionRows = (opts: readonly OptionSpec[], name: (o: OptionSpec) => string = (o) => o.name): string[][] =>
  opts.map((o) => [code(name(o)), typeText(o.type), defaultText(o), o.doc]);

function optionsSection(): string[] {
  const names = [...CONNECTORS.keys()];
  const out = ['## Source connectors', '',
    `\`CREATE SOURCE name (...) WITH (connector = '<name>', ...)\` picks one of ${names.map(code).join(', ')} (default`,
    `${code(names[0]!)}). Option names are case-sensitive keys; an unknown one is refused with the list below (\`INVALID_OPTION\`).`,
    'Values are strings, numbers or booleans; durations and timestamps are strings (`\'1 second\'`, `\'2024-01-01 00:00:00\'`).', ''];
  for (const [name, set] of CONNECTORS) {
    out.push(`### ${name}`, '', ...table(['Option', 'Type', 'Default', 'Description'], optionRows(set.options.filter((o) => o.name !== 'connector'))), '');
    if (set.fieldOptions?.length) {
      out.push(`Per column, as \`'fields.<column>.<option>' = value\`:`, '',
        ...table(['Option', 'Type', 'Default', 'Description'], optionRows(set.fieldOptions, (o) => `fields.<column>.${o.name}`)), '');
    }
  }
  out.push('## CREATE QUERY options', '', '`CREATE QUERY name WITH (...) AS SELECT ...`:', '',
    ...table(['Option', 'Type', 'Default', 'Description'], optionRows(QUERY_OPTIONS.options)), '');
  return out;
}

function errorsSection(): string[] {
  return ['## Error codes', '',
    'Every error is a `TidemarkError` with one of these codes (stable: a code never changes meaning), a message that says',
    'what to do, and a line and column when it comes from SQL text. Scripts print it as `ERROR <CODE>: <message>`.', '',
    ...table(['Code', 'Meaning'], Object.entries(ERROR_CODE_DOCS).map(([c, d]) => [code(c), d])), ''];
}

/** The whole page. */
export function renderReference(): string {
  const lines = ['# Tidemark SQL reference', '',
    `<!-- Generated by scripts/gen-reference.ts from the code. Do not edit: run \`npm run docs\` (${REGENERATE}). -->`, '',
    'Generated from the code: the parser\'s grammar, the keyword tokens, the type and unit tables, the function tables the',
    'binder is tested against, the option registry the engine validates with, and the error codes. `npm test` fails when',
    `this page and the code disagree; \`npm run docs\` rewrites it. The guide to what the statements mean is [dialect.md](dialect.md).`, '',
    '- [Statements](#statements)', '- [Grammar](#grammar)', '- [Keywords](#keywords)', '- [Types and durations](#types-and-durations)',
    '- [Functions](#functions)', '- [Source connectors](#source-connectors)', '- [CREATE QUERY options](#create-query-options)',
    '- [Error codes](#error-codes)', '',
    ...statementsSection(), ...grammarSection(), ...keywordsSection(), ...typesSection(), ...functionsSection(),
    ...optionsSection(), ...errorsSection()];
  return lines.join('\n').replace(/\n+$/, '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(REFERENCE_FILE), { recursive: true });
  fs.writeFileSync(REFERENCE_FILE, renderReference());
  process.stdout.write(`wrote ${path.relative(process.cwd(), REFERENCE_FILE)}\n`);
}
