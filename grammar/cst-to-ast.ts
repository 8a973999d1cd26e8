// The CST visitor: turns the parser's CST into the AST of ast.ts, with spans and the checks rules cannot express.

import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { internal, node, nodes, onlyNode, optNode, optToken, token, tokens, type Ctx } from './cst-access.js';
import { ExpressionAstBuilder } from './cst-to-ast-expressions.js';
import { checkDelay, decodeName, decodeString } from './literals.js';
import { spanJoin, spanPosition, type Origin } from './locations.js';
import * as T from './tokens.js';

type TableElement = { kind: 'column'; def: A.ColumnDef } | { kind: 'watermark'; decl: A.WatermarkDecl };
type JoinTail = { type: A.JoinType; right: A.FromItem; on: A.Expr | undefined };

/** Statements and queries; one method per grammar rule across both classes (validateVisitor checks it). */
class AstBuilder extends ExpressionAstBuilder {
  constructor() {
    super();
    this.validateVisitor();
  }

  buildStatement(cst: CstNode, origin: Origin): A.Statement {
    this.origin = origin;
    return this.statementEof(cst.children);
  }

  // ---- statements ----

  statementEof(ctx: Ctx): A.Statement {
    return this.statement(node(ctx, 'statement'));
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
      case 'stopStatement': return this.stopStatement(c);
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

  /** Read as a flag by its parent; the method exists because every rule needs one. */
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

  showStatement(ctx: Ctx): A.ShowStmt | A.ShowProgressStmt {
    const type = token(ctx, 'what').tokenType;
    if (type === T.Progress) {
      const pattern = optToken(ctx, 'pattern');
      return { kind: 'showProgress', name: this.ident(token(ctx, 'Name')), pattern: pattern && decodeString(pattern.image), span: this.span(ctx) };
    }
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

  stopStatement(ctx: Ctx): A.StopStmt {
    return { kind: 'stop', name: this.ident(token(ctx, 'Name')), span: this.span(ctx) };
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
}

/** The one AST builder, reused like the parser (its only state is the origin of the current text). */
export const astBuilder = new AstBuilder();
