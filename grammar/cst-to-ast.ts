// The CST visitor: turns the parser's CST into the AST of ast.ts, with spans and the checks rules cannot express.

import type { CstChildrenDictionary, CstElement, CstNode, IToken } from 'chevrotain';
import { TidemarkError, type SourcePosition } from '../common/errors.js';
import { parseDuration, tryParseTimestamp } from '../common/time.js';
import type * as A from './ast.js';
import { checkDelay, dataTypeOf, decodeName, decodeString, numberLiteral, pairMicros } from './literals.js';
import { locOf, positionOf, spanJoin, spanOf, spanPosition, TEXT_START, type Loc, type Origin } from './locations.js';
import { sqlParser } from './parser.js';
import * as T from './tokens.js';

type Ctx = CstChildrenDictionary;

const isToken = (e: CstElement): e is IToken => 'image' in e;
const isNode = (e: CstElement): e is CstNode => !('image' in e);

function internal(what: string): Error {
  return new Error(`internal parser error: ${what}`);
}
function tokens(ctx: Ctx, key: string): IToken[] {
  return (ctx[key] ?? []).filter(isToken);
}
function optToken(ctx: Ctx, key: string): IToken | undefined {
  return tokens(ctx, key)[0];
}
function token(ctx: Ctx, key: string): IToken {
  const t = optToken(ctx, key);
  if (t === undefined) throw internal(`missing token ${key}`);
  return t;
}
function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []).filter(isNode);
}
function optNode(ctx: Ctx, key: string): Ctx | undefined {
  return nodes(ctx, key)[0]?.children;
}
function node(ctx: Ctx, key: string): Ctx {
  const n = optNode(ctx, key);
  if (n === undefined) throw internal(`missing node ${key}`);
  return n;
}
/** The one sub-rule child of a rule made of alternatives. */
function onlyNode(ctx: Ctx): CstNode {
  for (const list of Object.values(ctx)) {
    const n = list.find(isNode);
    if (n !== undefined) return n;
  }
  throw internal('rule has no sub-rule');
}

const COMPARISON: ReadonlyMap<string, A.BinaryOp> = new Map<string, A.BinaryOp>([
  ['=', '='], ['==', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>='],
]);

type TableElement = { kind: 'column'; def: A.ColumnDef } | { kind: 'watermark'; decl: A.WatermarkDecl };
type JoinTail = { type: A.JoinType; right: A.FromItem; on: A.Expr | undefined };

const BaseVisitor = sqlParser.getBaseCstVisitorConstructor<undefined, unknown>();

/** One method per grammar rule (validateVisitor checks it); rules are visited by direct typed calls. */
class AstBuilder extends BaseVisitor {
  private origin: Origin = TEXT_START;

  constructor() {
    super();
    this.validateVisitor();
  }

  buildStatement(cst: CstNode, origin: Origin): A.Statement {
    this.origin = origin;
    return this.statementEof(cst.children);
  }

  buildExpression(cst: CstNode, origin: Origin): A.Expr {
    this.origin = origin;
    return this.expressionEof(cst.children);
  }

  // ---- positions ----

  private pos(e: CstElement): SourcePosition {
    return positionOf(locOf(e), this.origin);
  }

  private spanBetween(from: CstElement, to: CstElement): A.Span {
    return spanOf(locOf(from), locOf(to), this.origin);
  }

  /** The span of everything a rule matched. */
  private span(ctx: Ctx): A.Span {
    let first: Loc | undefined;
    let last: Loc | undefined;
    for (const list of Object.values(ctx)) {
      for (const e of list) {
        const loc = locOf(e);
        if (Number.isNaN(loc.startOffset)) continue; // EOF
        if (first === undefined || loc.startOffset < first.startOffset) first = loc;
        if (last === undefined || (loc.endOffset ?? 0) > (last.endOffset ?? 0)) last = loc;
      }
    }
    if (first === undefined || last === undefined) throw internal('empty rule');
    return spanOf(first, last, this.origin);
  }

  private ident(t: IToken): A.Ident {
    return { ...decodeName(t.image, this.pos(t)), span: this.spanBetween(t, t) };
  }

  private error(message: string, position: SourcePosition): TidemarkError {
    return new TidemarkError('PARSE_ERROR', message, position);
  }

  // ---- statements ----

  statementEof(ctx: Ctx): A.Statement {
    return this.statement(node(ctx, 'statement'));
  }

  expressionEof(ctx: Ctx): A.Expr {
    return this.expression(node(ctx, 'expression'));
  }

  statement(ctx: Ctx): A.Statement {
    const child = onlyNode(ctx);
    const c = child.children;
    switch (child.name) {
      case 'createStatement': return this.createStatement(c);
      case 'insertStatement': return this.insertStatement(c);
      case 'dropStatement': return this.dropStatement(c);
      case 'showStatement': return this.showStatement(c);
      case 'describeStatement': return this.describeStatement(c);
      case 'explainStatement': return this.explainStatement(c);
      case 'triggerStatement': return this.triggerStatement(c);
      case 'restartStatement': return this.restartStatement(c);
      case 'queryStatement': return this.queryStatement(c);
      default: throw internal(`unknown statement ${child.name}`);
    }
  }

  createStatement(ctx: Ctx): A.CreateSourceStmt | A.CreateTableStmt | A.CreateQueryStmt {
    const span = this.span(ctx);
    const body = onlyNode(ctx);
    switch (body.name) {
      case 'createSourceBody': return this.createSourceBody(body.children, span);
      case 'createTableBody': return this.createTableBody(body.children, span);
      case 'createQueryBody': return this.createQueryBody(body.children, span);
      default: throw internal(`unknown CREATE ${body.name}`);
    }
  }

  createSourceBody(ctx: Ctx, span: A.Span): A.CreateSourceStmt {
    const { columns, watermark } = this.tableElements(node(ctx, 'tableElements'));
    const options = this.withOptionsOf(ctx);
    return { kind: 'createSource', name: this.ident(token(ctx, 'Name')), columns, watermark, options, ifNotExists: ctx.ifNotExists !== undefined, span };
  }

  createTableBody(ctx: Ctx, span: A.Span): A.CreateTableStmt {
    const { columns, watermark } = this.tableElements(node(ctx, 'tableElements'));
    if (watermark !== undefined) {
      throw this.error('WATERMARK FOR ... is only allowed in CREATE SOURCE: a table is not a stream', spanPosition(watermark.span));
    }
    const options = this.withOptionsOf(ctx);
    return { kind: 'createTable', name: this.ident(token(ctx, 'Name')), columns, options, ifNotExists: ctx.ifNotExists !== undefined, span };
  }

  createQueryBody(ctx: Ctx, span: A.Span): A.CreateQueryStmt {
    const options = this.withOptionsOf(ctx);
    return { kind: 'createQuery', name: this.ident(token(ctx, 'Name')), options, query: this.queryExpression(node(ctx, 'queryExpression')), span };
  }

  ifNotExists(): true {
    return true;
  }

  tableElements(ctx: Ctx): { columns: A.ColumnDef[]; watermark: A.WatermarkDecl | undefined } {
    const columns: A.ColumnDef[] = [];
    let watermark: A.WatermarkDecl | undefined;
    for (const el of nodes(ctx, 'tableElement').map((n) => this.tableElement(n.children))) {
      if (el.kind === 'column') {
        columns.push(el.def);
      } else if (watermark !== undefined) {
        throw this.error('Only one WATERMARK FOR ... is allowed per source', spanPosition(el.decl.span));
      } else {
        watermark = el.decl;
      }
    }
    return { columns, watermark };
  }

  tableElement(ctx: Ctx): TableElement {
    const wm = optNode(ctx, 'watermarkDefinition');
    if (wm !== undefined) return { kind: 'watermark', decl: this.watermarkDefinition(wm) };
    return { kind: 'column', def: this.columnDefinition(node(ctx, 'columnDefinition')) };
  }

  columnDefinition(ctx: Ctx): A.ColumnDef {
    return { name: this.ident(token(ctx, 'Name')), type: this.dataType(node(ctx, 'dataType')), notNull: ctx.NOT !== undefined, span: this.span(ctx) };
  }

  dataType(ctx: Ctx): A.ColumnDef['type'] {
    const name = token(ctx, 'typeName');
    const suffix = optToken(ctx, 'typeSuffix');
    const length = optToken(ctx, 'length');
    return dataTypeOf({
      name: decodeName(name.image, this.pos(name)).name,
      namePosition: this.pos(name),
      suffix: suffix && { name: decodeName(suffix.image, this.pos(suffix)).name, position: this.pos(suffix) },
      length: length && { image: length.image, position: this.pos(length) },
    });
  }

  watermarkDefinition(ctx: Ctx): A.WatermarkDecl {
    const column = this.ident(token(ctx, 'column'));
    const exprColumn = this.ident(token(ctx, 'exprColumn'));
    if (exprColumn.name !== column.name) {
      throw this.error(
        `The watermark of column ${column.name} must be computed from that same column: write WATERMARK FOR ${column.name} AS ${column.name} - INTERVAL '10' MINUTE`,
        spanPosition(exprColumn.span));
    }
    const duration = optNode(ctx, 'duration');
    const delayMicros = duration === undefined ? 0 : checkDelay(this.duration(duration), spanPosition(this.span(duration)));
    return { column: { kind: 'column', table: undefined, name: column, span: column.span }, delayMicros, span: this.span(ctx) };
  }

  private withOptionsOf(ctx: Ctx): A.OptionEntry[] {
    const opts = optNode(ctx, 'withOptions');
    return opts === undefined ? [] : this.withOptions(opts);
  }

  withOptions(ctx: Ctx): A.OptionEntry[] {
    const entries: A.OptionEntry[] = [];
    for (const entry of nodes(ctx, 'optionEntry').map((n) => this.optionEntry(n.children))) {
      if (entries.some((e) => e.key === entry.key)) {
        throw this.error(`Option '${entry.key}' is given twice`, spanPosition(entry.span));
      }
      entries.push(entry);
    }
    return entries;
  }

  optionEntry(ctx: Ctx): A.OptionEntry {
    const quoted = optToken(ctx, 'quotedKey');
    const key = quoted !== undefined
      ? decodeString(quoted.image).toLowerCase()
      : tokens(ctx, 'key').map((t) => decodeName(t.image, this.pos(t)).name.toLowerCase()).join('.');
    const v = token(ctx, 'value');
    let value: A.OptionEntry['value'];
    if (v.tokenType === T.StringLiteral) value = decodeString(v.image);
    else if (v.tokenType === T.NumberLiteral) value = (ctx.Minus === undefined ? 1 : -1) * Number(v.image);
    else value = v.tokenType === T.True;
    return { key, value, span: this.span(ctx) };
  }

  insertStatement(ctx: Ctx): A.InsertStmt {
    const columns = ctx.column === undefined ? undefined : tokens(ctx, 'column').map((t) => this.ident(t));
    const rows = nodes(ctx, 'valuesRow').map((n) => this.valuesRow(n.children));
    return { kind: 'insert', target: this.ident(token(ctx, 'target')), columns, rows, span: this.span(ctx) };
  }

  valuesRow(ctx: Ctx): A.Expr[] {
    return nodes(ctx, 'expression').map((n) => this.expression(n.children));
  }

  dropStatement(ctx: Ctx): A.DropStmt {
    const type = token(ctx, 'objectType').tokenType;
    const objectType = type === T.Source ? 'source' : type === T.Table ? 'table' : 'query';
    return { kind: 'drop', objectType, name: this.ident(token(ctx, 'Name')), ifExists: ctx.IF !== undefined, span: this.span(ctx) };
  }

  showStatement(ctx: Ctx): A.ShowStmt {
    const type = token(ctx, 'what').tokenType;
    const what = type === T.Sources ? 'sources' : type === T.Tables ? 'tables' : 'queries';
    return { kind: 'show', what, span: this.span(ctx) };
  }

  describeStatement(ctx: Ctx): A.DescribeStmt {
    return { kind: 'describe', name: this.ident(token(ctx, 'Name')), span: this.span(ctx) };
  }

  explainStatement(ctx: Ctx): A.ExplainStmt {
    const query = optNode(ctx, 'queryExpression');
    let target: A.ExplainStmt['target'];
    if (query !== undefined) {
      target = { kind: 'select', query: this.queryExpression(query), span: this.span(query) };
    } else {
      const body = nodes(ctx, 'createQueryBody')[0];
      if (body === undefined) throw internal('EXPLAIN without target');
      target = this.createQueryBody(body.children, this.spanBetween(token(ctx, 'CREATE'), body));
    }
    return { kind: 'explain', target, span: this.span(ctx) };
  }

  triggerStatement(ctx: Ctx): A.TriggerStmt {
    return { kind: 'trigger', span: this.span(ctx) };
  }

  restartStatement(ctx: Ctx): A.RestartStmt {
    return { kind: 'restart', name: this.ident(token(ctx, 'Name')), span: this.span(ctx) };
  }

  queryStatement(ctx: Ctx): A.SelectStmt {
    return { kind: 'select', query: this.queryExpression(node(ctx, 'queryExpression')), span: this.span(ctx) };
  }

  // ---- queries ----

  queryExpression(ctx: Ctx): A.Query {
    const terms = nodes(ctx, 'queryTerm').map((n) => this.queryTerm(n.children));
    const ops = nodes(ctx, 'unionOperator').map((n) => this.unionOperator(n.children));
    let left = terms[0];
    if (left === undefined) throw internal('empty query');
    for (let i = 1; i < terms.length; i++) {
      const right = terms[i]!;
      left = { kind: 'union', all: ops[i - 1]!, left, right, span: spanJoin(left.span, right.span) };
    }
    return left;
  }

  /** Whether the UNION keeps duplicates (ALL). */
  unionOperator(ctx: Ctx): boolean {
    return ctx.ALL !== undefined;
  }

  queryTerm(ctx: Ctx): A.Query {
    const core = optNode(ctx, 'selectCore');
    return core !== undefined ? this.selectCore(core) : this.queryExpression(node(ctx, 'queryExpression'));
  }

  selectCore(ctx: Ctx): A.SelectQuery {
    const watermarkClauses = nodes(ctx, 'watermarkClause');
    if (watermarkClauses.length > 1) {
      throw this.error('Only one WATERMARK clause is allowed per SELECT: list several as WATERMARK a.ts 10 min, b.ts 20 min',
        this.pos(watermarkClauses[1]!));
    }
    const sub = <R>(key: string, f: (c: Ctx) => R): R | undefined => {
      const n = optNode(ctx, key);
      return n === undefined ? undefined : f(n);
    };
    return {
      kind: 'selectQuery',
      distinct: ctx.DISTINCT !== undefined,
      items: nodes(ctx, 'selectItem').map((n) => this.selectItem(n.children)),
      from: sub('fromClause', (c) => this.fromClause(c)),
      where: sub('whereClause', (c) => this.whereClause(c)),
      groupBy: sub('groupByClause', (c) => this.groupByClause(c)) ?? [],
      having: sub('havingClause', (c) => this.havingClause(c)),
      watermarks: sub('watermarkClause', (c) => this.watermarkClause(c)) ?? [],
      orderBy: sub('orderByClause', (c) => this.orderByClause(c)) ?? [],
      limit: sub('limitClause', (c) => this.limitClause(c)),
      emit: sub('emitClause', (c) => this.emitClause(c)),
      span: this.span(ctx),
    };
  }

  selectItem(ctx: Ctx): A.SelectItem {
    const qualifier = optToken(ctx, 'qualifier');
    if (qualifier !== undefined) return { kind: 'star', qualifier: this.ident(qualifier), span: this.span(ctx) };
    if (ctx.Star !== undefined) return { kind: 'star', qualifier: undefined, span: this.span(ctx) };
    const alias = optNode(ctx, 'alias');
    return { kind: 'item', expr: this.expression(node(ctx, 'expression')), alias: alias && this.alias(alias), span: this.span(ctx) };
  }

  alias(ctx: Ctx): A.Ident {
    return this.ident(token(ctx, 'name'));
  }

  fromClause(ctx: Ctx): A.FromItem {
    let left = this.fromPrimary(node(ctx, 'fromPrimary'));
    for (const part of nodes(ctx, 'joinPart')) {
      const { type, right, on } = this.joinPart(part.children);
      left = { kind: 'join', joinType: type, left, right, on, span: spanJoin(left.span, (on ?? right).span) };
    }
    return left;
  }

  fromPrimary(ctx: Ctx): A.FromItem {
    const aliasCtx = optNode(ctx, 'alias');
    const alias = aliasCtx && this.alias(aliasCtx);
    const relation = optToken(ctx, 'relation');
    if (relation !== undefined) return { kind: 'relation', name: this.ident(relation), alias, span: this.span(ctx) };
    return { kind: 'subquery', query: this.queryExpression(node(ctx, 'queryExpression')), alias, span: this.span(ctx) };
  }

  joinPart(ctx: Ctx): JoinTail {
    const kind = optNode(ctx, 'joinKind');
    const on = optNode(ctx, 'expression');
    return {
      type: ctx.Comma !== undefined || ctx.CROSS !== undefined ? 'cross' : kind === undefined ? 'inner' : this.joinKind(kind),
      right: this.fromPrimary(node(ctx, 'fromPrimary')),
      on: on && this.expression(on),
    };
  }

  joinKind(ctx: Ctx): A.JoinType {
    const type = token(ctx, 'kind').tokenType;
    return type === T.Left ? 'left' : type === T.Right ? 'right' : type === T.Full ? 'full' : 'inner';
  }

  whereClause(ctx: Ctx): A.Expr {
    return this.expression(node(ctx, 'expression'));
  }

  groupByClause(ctx: Ctx): A.Expr[] {
    return nodes(ctx, 'expression').map((n) => this.expression(n.children));
  }

  havingClause(ctx: Ctx): A.Expr {
    return this.expression(node(ctx, 'expression'));
  }

  watermarkClause(ctx: Ctx): A.WatermarkDecl[] {
    return nodes(ctx, 'watermarkItem').map((n) => this.watermarkItem(n.children));
  }

  watermarkItem(ctx: Ctx): A.WatermarkDecl {
    const first = token(ctx, 'qualifier');
    const second = optToken(ctx, 'column');
    const column: A.ColumnRef = second === undefined
      ? { kind: 'column', table: undefined, name: this.ident(first), span: this.spanBetween(first, first) }
      : { kind: 'column', table: this.ident(first), name: this.ident(second), span: this.spanBetween(first, second) };
    const duration = node(ctx, 'duration');
    const delayMicros = checkDelay(this.duration(duration), spanPosition(this.span(duration)));
    return { column, delayMicros, span: this.span(ctx) };
  }

  orderByClause(ctx: Ctx): A.OrderItem[] {
    return nodes(ctx, 'orderItem').map((n) => this.orderItem(n.children));
  }

  orderItem(ctx: Ctx): A.OrderItem {
    const nulls = optToken(ctx, 'nulls');
    return {
      expr: this.expression(node(ctx, 'expression')),
      descending: optToken(ctx, 'direction')?.tokenType === T.Desc,
      nullsFirst: nulls === undefined ? undefined : nulls.tokenType === T.First,
      span: this.span(ctx),
    };
  }

  limitClause(ctx: Ctx): number {
    const n = token(ctx, 'NumberLiteral');
    const value = Number(n.image);
    if (!/^\d+$/.test(n.image) || !Number.isSafeInteger(value)) {
      throw this.error(`LIMIT needs a whole number of rows, not ${n.image}`, this.pos(n));
    }
    return value;
  }

  emitClause(ctx: Ctx): A.EmitMode {
    const type = token(ctx, 'mode').tokenType;
    return type === T.Append ? 'append' : type === T.Update ? 'update' : 'complete';
  }

  // ---- durations, in microseconds ----

  duration(ctx: Ctx): number {
    const str = optToken(ctx, 'StringLiteral');
    if (str !== undefined) return parseDuration(decodeString(str.image), this.pos(str));
    const interval = optNode(ctx, 'intervalLiteral');
    if (interval !== undefined) return this.intervalLiteral(interval);
    return this.durationPairs(node(ctx, 'durationPairs'));
  }

  durationPairs(ctx: Ctx): number {
    const amounts = tokens(ctx, 'NumberLiteral');
    const units = nodes(ctx, 'timeUnit');
    return amounts.reduce((sum, amount, i) => {
      const unit = units[i]!;
      return sum + pairMicros(amount.image, this.pos(amount), this.timeUnit(unit.children), this.pos(unit));
    }, 0);
  }

  timeUnit(ctx: Ctx): string {
    const t = token(ctx, 'AliasName');
    return decodeName(t.image, this.pos(t)).name;
  }

  intervalLiteral(ctx: Ctx): number {
    const str = optToken(ctx, 'StringLiteral');
    if (str === undefined) return this.durationPairs(node(ctx, 'durationPairs'));
    const text = decodeString(str.image);
    const unit = nodes(ctx, 'timeUnit')[0];
    if (unit === undefined) return parseDuration(text, this.pos(str));
    return pairMicros(text.trim(), this.pos(str), this.timeUnit(unit.children), this.pos(unit));
  }

  // ---- expressions ----

  expression(ctx: Ctx): A.Expr {
    return this.orExpression(node(ctx, 'orExpression'));
  }

  /** Left-associative chain `a op b op c`, with ops[i] between operands i and i+1. */
  private chain(operands: A.Expr[], op: (i: number) => A.BinaryOp): A.Expr {
    let left = operands[0];
    if (left === undefined) throw internal('empty operand chain');
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i]!;
      left = { kind: 'binary', op: op(i - 1), left, right, span: spanJoin(left.span, right.span) };
    }
    return left;
  }

  orExpression(ctx: Ctx): A.Expr {
    return this.chain(nodes(ctx, 'operands').map((n) => this.andExpression(n.children)), () => 'or');
  }

  andExpression(ctx: Ctx): A.Expr {
    return this.chain(nodes(ctx, 'operands').map((n) => this.notExpression(n.children)), () => 'and');
  }

  notExpression(ctx: Ctx): A.Expr {
    const not = optToken(ctx, 'NOT');
    if (not === undefined) return this.predicate(node(ctx, 'predicate'));
    const operand = this.notExpression(node(ctx, 'notExpression'));
    return { kind: 'unary', op: 'not', operand, span: spanJoin(this.spanBetween(not, not), operand.span) };
  }

  predicate(ctx: Ctx): A.Expr {
    let e = this.concatExpression(node(ctx, 'concatExpression'));
    for (const suffix of nodes(ctx, 'predicateSuffix')) e = this.predicateSuffix(suffix.children, e);
    return e;
  }

  predicateSuffix(ctx: Ctx, operand: A.Expr): A.Expr {
    const span = spanJoin(operand.span, this.span(ctx));
    const negated = ctx.NOT !== undefined;
    const cmp = optToken(ctx, 'ComparisonOp');
    if (cmp !== undefined) {
      const op = COMPARISON.get(cmp.image);
      if (op === undefined) throw internal(`comparison ${cmp.image}`);
      return { kind: 'binary', op, left: operand, right: this.concatExpression(node(ctx, 'concatExpression')), span };
    }
    if (ctx.IS !== undefined) return { kind: 'isNull', operand, negated, span };
    const range = optNode(ctx, 'betweenRange');
    if (range !== undefined) return { kind: 'between', operand, ...this.betweenRange(range), negated, span };
    const list = optNode(ctx, 'inList');
    if (list !== undefined) return { kind: 'inList', operand, list: this.inList(list), negated, span };
    return { kind: 'like', operand, pattern: this.concatExpression(node(ctx, 'concatExpression')), negated, span };
  }

  betweenRange(ctx: Ctx): { low: A.Expr; high: A.Expr } {
    return { low: this.concatExpression(node(ctx, 'low')), high: this.concatExpression(node(ctx, 'high')) };
  }

  inList(ctx: Ctx): A.Expr[] {
    return nodes(ctx, 'expression').map((n) => this.expression(n.children));
  }

  concatExpression(ctx: Ctx): A.Expr {
    return this.chain(nodes(ctx, 'operands').map((n) => this.additiveExpression(n.children)), () => '||');
  }

  additiveExpression(ctx: Ctx): A.Expr {
    const ops = tokens(ctx, 'AdditiveOp');
    return this.chain(nodes(ctx, 'operands').map((n) => this.multiplicativeExpression(n.children)),
      (i) => (ops[i]!.tokenType === T.Minus ? '-' : '+'));
  }

  multiplicativeExpression(ctx: Ctx): A.Expr {
    const ops = tokens(ctx, 'MultiplicativeOp');
    return this.chain(nodes(ctx, 'operands').map((n) => this.unaryExpression(n.children)), (i) => {
      const type = ops[i]!.tokenType;
      return type === T.Star ? '*' : type === T.Slash ? '/' : '%';
    });
  }

  unaryExpression(ctx: Ctx): A.Expr {
    const sign = optToken(ctx, 'AdditiveOp');
    if (sign === undefined) return this.primaryExpression(node(ctx, 'primaryExpression'));
    const inner = node(ctx, 'unaryExpression');
    // `-<number>` is one literal, so that -9223372036854775808 fits BIGINT and VALUES get plain constants.
    const number = sign.tokenType === T.Minus ? optNode(inner, 'primaryExpression')?.NumberLiteral?.find(isToken) : undefined;
    if (number !== undefined) {
      return { kind: 'literal', value: numberLiteral(number.image, true, this.pos(sign)), span: this.spanBetween(sign, number) };
    }
    const operand = this.unaryExpression(inner);
    const op = sign.tokenType === T.Minus ? '-' : '+';
    return { kind: 'unary', op, operand, span: spanJoin(this.spanBetween(sign, sign), operand.span) };
  }

  primaryExpression(ctx: Ctx): A.Expr {
    const span = this.span(ctx);
    const literal = (value: A.Literal): A.Expr => ({ kind: 'literal', value, span });
    const t = Object.values(ctx)[0]?.[0];
    if (t === undefined) throw internal('empty primary');
    if (isToken(t)) {
      switch (t.tokenType) {
        case T.NumberLiteral: return literal(numberLiteral(t.image, false, this.pos(t)));
        case T.StringLiteral: return literal({ type: 'string', value: decodeString(t.image) });
        case T.True: return literal({ type: 'boolean', value: true });
        case T.False: return literal({ type: 'boolean', value: false });
        case T.Null: return literal({ type: 'null' });
        default: throw internal(`primary token ${t.image}`);
      }
    }
    const c = t.children;
    switch (t.name) {
      case 'timestampLiteral': return literal({ type: 'timestamp', micros: this.timestampLiteral(c) });
      case 'intervalLiteral': return literal({ type: 'interval', micros: this.intervalLiteral(c) });
      case 'parenExpression': return this.parenExpression(c);
      case 'caseExpression': return this.caseExpression(c);
      case 'castExpression': return this.castExpression(c);
      case 'columnOrCall': return this.columnOrCall(c);
      default: throw internal(`primary ${t.name}`);
    }
  }

  timestampLiteral(ctx: Ctx): number {
    const str = token(ctx, 'StringLiteral');
    const text = decodeString(str.image);
    const micros = tryParseTimestamp(text);
    if (micros === undefined) {
      throw this.error(`Invalid timestamp literal '${text}': write TIMESTAMP 'YYYY-MM-DD HH:MM:SS' (fraction and time optional)`, this.pos(str));
    }
    return micros;
  }

  parenExpression(ctx: Ctx): A.Expr {
    return this.expression(node(ctx, 'expression'));
  }

  caseExpression(ctx: Ctx): A.Expr {
    const operand = optNode(ctx, 'operand');
    const otherwise = optNode(ctx, 'otherwise');
    return {
      kind: 'case',
      operand: operand && this.expression(operand),
      whens: nodes(ctx, 'caseWhen').map((n) => this.caseWhen(n.children)),
      else: otherwise && this.expression(otherwise),
      span: this.span(ctx),
    };
  }

  caseWhen(ctx: Ctx): { when: A.Expr; then: A.Expr } {
    return { when: this.expression(node(ctx, 'condition')), then: this.expression(node(ctx, 'result')) };
  }

  castExpression(ctx: Ctx): A.Expr {
    return { kind: 'cast', operand: this.expression(node(ctx, 'expression')), type: this.dataType(node(ctx, 'dataType')), span: this.span(ctx) };
  }

  columnOrCall(ctx: Ctx): A.Expr {
    const first = this.ident(token(ctx, 'first'));
    const span = this.span(ctx);
    if (ctx.LParen !== undefined) {
      const args = optNode(ctx, 'callArguments');
      const call = args === undefined ? { args: [], distinct: false, star: false } : this.callArguments(args);
      return { kind: 'call', name: first.name.toLowerCase(), ...call, span };
    }
    const second = optToken(ctx, 'second');
    if (second === undefined) return { kind: 'column', table: undefined, name: first, span };
    return { kind: 'column', table: first, name: this.ident(second), span };
  }

  callArguments(ctx: Ctx): { args: A.Expr[]; distinct: boolean; star: boolean } {
    return {
      args: nodes(ctx, 'expression').map((n) => this.expression(n.children)),
      distinct: ctx.DISTINCT !== undefined,
      star: ctx.Star !== undefined,
    };
  }
}

/** The one AST builder, reused like the parser (its only state is the origin of the current text). */
export const astBuilder = new AstBuilder();
