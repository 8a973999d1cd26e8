// Lexer tokens of Tidemark SQL: case-insensitive keywords (reserved and soft), literals, operators, comments.

import { createToken, Lexer, type TokenType } from 'chevrotain';

// Token categories let one CONSUME accept every word that may serve as a name in that position, so soft
// keywords stay usable as column, function and alias names without a hand-written list in every rule.

/** Anything usable as a name: identifiers, quoted identifiers and every soft keyword. */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });
/** Names allowed as an alias without AS (excludes words that may start the next clause or a join). */
export const AliasName = createToken({ name: 'AliasName', pattern: Lexer.NA });
/** Any word at all, reserved ones included: after `.` and after AS no keyword can be meant. */
export const AnyWord = createToken({ name: 'AnyWord', pattern: Lexer.NA });

export const ComparisonOp = createToken({ name: 'ComparisonOp', pattern: Lexer.NA });
export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA });
export const MultiplicativeOp = createToken({ name: 'MultiplicativeOp', pattern: Lexer.NA });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /--[^\n\r]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });

// Unterminated forms are lexed into their own group (instead of failing char by char) so the error names
// the real problem; they only match when the terminated form above them did not, i.e. the quote opened
// at their start is never closed. Strings take both '' and Spark's backslash escapes (decoded in literals.ts).
export const ERROR_GROUP = 'errors';
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, group: ERROR_GROUP });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /'(?:[^'\\]|''|\\[\s\S])*'(?!')/, line_breaks: true });
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /'[\s\S]*/, group: ERROR_GROUP, line_breaks: true });
export const QuotedIdentifier = createToken({
  name: 'QuotedIdentifier',
  // "Name" keeps its case (SQL); `name` (Spark's quoting) may hold any character but resolves like a plain name.
  pattern: /"(?:[^"]|"")*"(?!")|`(?:[^`]|``)*`(?!`)/,
  categories: [Name, AliasName, AnyWord],
  line_breaks: true,
});
export const UnterminatedQuotedIdentifier = createToken({
  name: 'UnterminatedQuotedIdentifier',
  pattern: /["`][\s\S]*/,
  group: ERROR_GROUP,
  line_breaks: true,
});

export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?/ });

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_$]*/, categories: [Name, AliasName, AnyWord] });

function keyword(word: string, categories: TokenType[]): TokenType {
  return createToken({ name: word, pattern: new RegExp(word, 'i'), longer_alt: Identifier, categories: [AnyWord, ...categories] });
}
const reserved = (word: string): TokenType => keyword(word, []);
const soft = (word: string): TokenType => keyword(word, [Name, AliasName]);
/** Soft keywords that may start a clause or a join right after a name, hence never an alias without AS. */
const clauseWord = (word: string): TokenType => keyword(word, [Name]);

export const Select = reserved('SELECT');
export const From = reserved('FROM');
export const Where = reserved('WHERE');
export const Group = reserved('GROUP');
export const By = reserved('BY');
export const Having = reserved('HAVING');
export const Order = reserved('ORDER');
export const Limit = reserved('LIMIT');
export const Union = reserved('UNION');
export const All = reserved('ALL');
export const Distinct = reserved('DISTINCT');
export const Join = reserved('JOIN');
export const On = reserved('ON');
export const And = reserved('AND');
export const Or = reserved('OR');
export const Not = reserved('NOT');
export const As = reserved('AS');
export const Case = reserved('CASE');
export const When = reserved('WHEN');
export const Then = reserved('THEN');
export const Else = reserved('ELSE');
export const End = reserved('END');
export const Is = reserved('IS');
export const Null = reserved('NULL');
export const True = reserved('TRUE');
export const False = reserved('FALSE');
export const In = reserved('IN');
export const Between = reserved('BETWEEN');
export const Like = reserved('LIKE');
export const With = reserved('WITH');
export const For = reserved('FOR');
export const Cast = reserved('CAST');

export const Create = soft('CREATE');
export const Insert = soft('INSERT');
export const Into = soft('INTO');
export const Values = soft('VALUES');
export const Drop = soft('DROP');
export const Show = soft('SHOW');
export const Describe = soft('DESCRIBE');
export const Explain = soft('EXPLAIN');
export const Trigger = soft('TRIGGER');
export const Restart = soft('RESTART');
export const Stop = soft('STOP');
export const Progress = soft('PROGRESS');
export const Source = soft('SOURCE');
export const Sources = soft('SOURCES');
export const Table = soft('TABLE');
export const Tables = soft('TABLES');
export const Query = soft('QUERY');
export const Queries = soft('QUERIES');
export const If = soft('IF');
export const Exists = soft('EXISTS');
export const Append = soft('APPEND');
export const Update = soft('UPDATE');
export const Complete = soft('COMPLETE');
export const Asc = soft('ASC');
export const Desc = soft('DESC');
export const Nulls = soft('NULLS');
export const First = soft('FIRST');
export const Last = soft('LAST');
export const Interval = soft('INTERVAL');
export const Timestamp = soft('TIMESTAMP');
export const Precision = soft('PRECISION');

export const Watermark = clauseWord('WATERMARK');
export const Emit = clauseWord('EMIT');
export const Inner = clauseWord('INNER');
export const Left = clauseWord('LEFT');
export const Right = clauseWord('RIGHT');
export const Full = clauseWord('FULL');
export const Outer = clauseWord('OUTER');
export const Cross = clauseWord('CROSS');

export const RESERVED_WORDS: readonly TokenType[] = [
  Select, From, Where, Group, By, Having, Order, Limit, Union, All, Distinct, Join, On, And, Or, Not, As,
  Case, When, Then, Else, End, Is, Null, True, False, In, Between, Like, With, For, Cast,
];
export const SOFT_WORDS: readonly TokenType[] = [
  Create, Insert, Into, Values, Drop, Show, Describe, Explain, Trigger, Restart, Stop, Source, Sources, Table, Tables,
  Query, Queries, Progress, If, Exists, Append, Update, Complete, Asc, Desc, Nulls, First, Last, Interval, Timestamp, Precision,
  Watermark, Emit, Inner, Left, Right, Full, Outer, Cross,
];

export const LParen = createToken({ name: 'LParen', pattern: '(' });
export const RParen = createToken({ name: 'RParen', pattern: ')' });
export const Comma = createToken({ name: 'Comma', pattern: ',' });
export const Dot = createToken({ name: 'Dot', pattern: '.' });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';' });
export const Concat = createToken({ name: 'Concat', pattern: '||' });
export const Plus = createToken({ name: 'Plus', pattern: '+', categories: [AdditiveOp] });
export const Minus = createToken({ name: 'Minus', pattern: '-', categories: [AdditiveOp] });
export const Star = createToken({ name: 'Star', pattern: '*', categories: [MultiplicativeOp] });
export const Slash = createToken({ name: 'Slash', pattern: '/', categories: [MultiplicativeOp] });
export const Percent = createToken({ name: 'Percent', pattern: '%', categories: [MultiplicativeOp] });
export const DoubleEquals = createToken({ name: 'DoubleEquals', pattern: '==', categories: [ComparisonOp] });
export const Equals = createToken({ name: 'Equals', pattern: '=', categories: [ComparisonOp] });
export const NotEquals = createToken({ name: 'NotEquals', pattern: '<>', categories: [ComparisonOp] });
export const BangEquals = createToken({ name: 'BangEquals', pattern: '!=', categories: [ComparisonOp] });
export const LessEquals = createToken({ name: 'LessEquals', pattern: '<=', categories: [ComparisonOp] });
export const Less = createToken({ name: 'Less', pattern: '<', categories: [ComparisonOp] });
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: '>=', categories: [ComparisonOp] });
export const Greater = createToken({ name: 'Greater', pattern: '>', categories: [ComparisonOp] });

// The lexer takes the first pattern that matches, so longer keywords go before their prefixes (IN vs
// INNER/INTO/INTERVAL) and two-character operators before one-character ones.
const KEYWORDS = [...RESERVED_WORDS, ...SOFT_WORDS].sort((a, b) => b.name.length - a.name.length);

export const allTokens: TokenType[] = [
  WhiteSpace, LineComment, BlockComment, UnterminatedComment,
  StringLiteral, UnterminatedString, QuotedIdentifier, UnterminatedQuotedIdentifier,
  NumberLiteral,
  ...KEYWORDS,
  Identifier,
  LParen, RParen, Comma, Dot, Semicolon, Concat, Plus, Minus, Star, Slash, Percent,
  DoubleEquals, Equals, NotEquals, BangEquals, LessEquals, Less, GreaterEquals, Greater,
  Name, AliasName, AnyWord, ComparisonOp, AdditiveOp, MultiplicativeOp,
];

export const sqlLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });
