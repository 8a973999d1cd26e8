// The expression half of the CST visitor: expressions, literals, durations and types, plus span helpers.

import type { CstElement, CstNode, IToken } from 'chevrotain';
import { TidemarkError, type SourcePosition } from '../common/errors.js';
import { parseDuration, tryParseTimestamp } from '../common/time.js';
import type * as A from './ast.js';
import { internal, isToken, node, nodes, optNode, optToken, token, tokens, type Ctx } from './cst-access.js';
import { dataTypeOf, decodeName, decodeString, numberLiteral, pairMicros } from './literals.js';
import { locOf, positionOf, spanJoin, spanOf, TEXT_START, type Loc, type Origin } from './locations.js';
import { sqlParser } from './parser.js';
import * as T from './tokens.js';

const COMPARISON: ReadonlyMap<string, A.BinaryOp> = new Map<string, A.BinaryOp>([
  ['=', '='], ['==', '='], ['<>', '<>'], ['!=', '<>'], ['<', '<'], ['<=', '<='], ['>', '>'], ['>=', '>='],
]);

const BaseVisitor = sqlParser.getBaseCstVisitorConstructor<undefined, unknown>();

/**
 * Visitor methods for the rules of parser-expressions.ts; cst-to-ast.ts extends it with statements and
 * queries (inheritance only keeps files short). Rules are visited by direct, typed calls.
 */
export class ExpressionAstBuilder extends BaseVisitor {
  protected origin: Origin = TEXT_START;

  buildExpression(cst: CstNode, origin: Origin): A.Expr {
    this.origin = origin;
    return this.expressionEof(cst.children);
  }

  // ---- positions ----

  protected pos(e: CstElement): SourcePosition {
    return positionOf(locOf(e), this.origin);
  }

  protected spanBetween(from: CstElement, to: CstElement): A.Span {
    return spanOf(locOf(from), locOf(to), this.origin);
  }

  /** The span of everything a rule matched. */
  protected span(ctx: Ctx): A.Span {
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

  protected ident(t: IToken): A.Ident {
    return { ...decodeName(t.image, this.pos(t)), span: this.spanBetween(t, t) };
  }

  protected error(message: string, position: SourcePosition): TidemarkError {
    return new TidemarkError('PARSE_ERROR', message, position);
  }

  // ---- entry point and types ----

  expressionEof(ctx: Ctx): A.Expr {
    return this.expression(node(ctx, 'expression'));
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
  }}
