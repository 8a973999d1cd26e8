// The AST of Tidemark's SQL dialect: plain readonly data, discriminated by `kind`, with source spans.

import type { DataType, EmitMode, JoinType } from '../common/types.js';

/** 1-based line and column of the first character of a node, plus character offsets into the SQL text. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly start: number;
  /** Offset one past the last character. */
  readonly end: number;
}

/** An identifier: unquoted ones are lower-cased (case-insensitive); double-quoted ones keep their case. */
export interface Ident {
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

export type { EmitMode, JoinType } from '../common/types.js';

/** `key = 'value'` in a WITH (...) list; keys are lower-cased, values are the literal's text. */
export interface OptionEntry {
  readonly key: string;
  readonly value: string | number | boolean;
  readonly span: Span;
}

export interface ColumnDef {
  readonly name: Ident;
  readonly type: DataType;
  readonly notNull: boolean;
  readonly span: Span;
}

/** `WATERMARK ts 10 min` in a query, or `WATERMARK FOR ts AS ts - INTERVAL '10' MINUTE` on a source. */
export interface WatermarkDecl {
  readonly column: ColumnRef;
  /** Delay in microseconds. */
  readonly delayMicros: number;
  readonly span: Span;
}

export type Statement =
  | CreateSourceStmt
  | CreateTableStmt
  | CreateQueryStmt
  | InsertStmt
  | DropStmt
  | ShowStmt
  | DescribeStmt
  | ExplainStmt
  | TriggerStmt
  | RestartStmt
  | StopStmt
  | ShowProgressStmt
  | SelectStmt;

export interface CreateSourceStmt {
  readonly kind: 'createSource';
  readonly name: Ident;
  readonly columns: readonly ColumnDef[];
  readonly watermark: WatermarkDecl | undefined;
  readonly options: readonly OptionEntry[];
  readonly ifNotExists: boolean;
  readonly span: Span;
}

export interface CreateTableStmt {
  readonly kind: 'createTable';
  readonly name: Ident;
  readonly columns: readonly ColumnDef[];
  readonly options: readonly OptionEntry[];
  readonly ifNotExists: boolean;
  readonly span: Span;
}

export interface CreateQueryStmt {
  readonly kind: 'createQuery';
  readonly name: Ident;
  readonly options: readonly OptionEntry[];
  readonly query: Query;
  readonly span: Span;
}

export interface InsertStmt {
  readonly kind: 'insert';
  readonly target: Ident;
  /** Explicit column list, or undefined for all columns in declared order. */
  readonly columns: readonly Ident[] | undefined;
  readonly rows: readonly (readonly Expr[])[];
  readonly span: Span;
}

export interface DropStmt {
  readonly kind: 'drop';
  readonly objectType: 'source' | 'table' | 'query';
  readonly name: Ident;
  readonly ifExists: boolean;
  readonly span: Span;
}

export interface ShowStmt {
  readonly kind: 'show';
  readonly what: 'sources' | 'tables' | 'queries';
  readonly span: Span;
}

export interface DescribeStmt {
  readonly kind: 'describe';
  readonly name: Ident;
  readonly span: Span;
}

export interface ExplainStmt {
  readonly kind: 'explain';
  readonly target: SelectStmt | CreateQueryStmt;
  readonly span: Span;
}

export interface TriggerStmt {
  readonly kind: 'trigger';
  readonly span: Span;
}

export interface RestartStmt {
  readonly kind: 'restart';
  readonly name: Ident;
  readonly span: Span;
}

/** STOP QUERY q: the query runs no more batches until RESTART q. */
export interface StopStmt {
  readonly kind: 'stop';
  readonly name: Ident;
  readonly span: Span;
}

/** SHOW PROGRESS q [LIKE 'pattern']: the query's last progress as (field, value) rows. */
export interface ShowProgressStmt {
  readonly kind: 'showProgress';
  readonly name: Ident;
  /** `*` matches any characters and `|` separates alternatives, case-insensitive; undefined shows every field. */
  readonly pattern: string | undefined;
  readonly span: Span;
}

/** A plain SELECT statement (batch query over tables and query result tables). */
export interface SelectStmt {
  readonly kind: 'select';
  readonly query: Query;
  readonly span: Span;
}

export type Query = SelectQuery | UnionQuery;

export interface UnionQuery {
  readonly kind: 'union';
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
  readonly span: Span;
}

export interface SelectQuery {
  readonly kind: 'selectQuery';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: FromItem | undefined;
  readonly where: Expr | undefined;
  readonly groupBy: readonly Expr[];
  readonly having: Expr | undefined;
  readonly watermarks: readonly WatermarkDecl[];
  readonly orderBy: readonly OrderItem[];
  readonly limit: number | undefined;
  readonly emit: EmitMode | undefined;
  readonly span: Span;
}

export type SelectItem =
  | { readonly kind: 'star'; readonly qualifier: Ident | undefined; readonly span: Span }
  | { readonly kind: 'item'; readonly expr: Expr; readonly alias: Ident | undefined; readonly span: Span };

export interface OrderItem {
  readonly expr: Expr;
  readonly descending: boolean;
  /** undefined = default (NULLS FIRST for ASC, NULLS LAST for DESC, as Spark). */
  readonly nullsFirst: boolean | undefined;
  readonly span: Span;
}


export type FromItem =
  | { readonly kind: 'relation'; readonly name: Ident; readonly alias: Ident | undefined; readonly span: Span }
  | { readonly kind: 'subquery'; readonly query: Query; readonly alias: Ident | undefined; readonly span: Span }
  | {
      readonly kind: 'join';
      readonly joinType: JoinType;
      readonly left: FromItem;
      readonly right: FromItem;
      readonly on: Expr | undefined;
      readonly span: Span;
    };

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '||'
  | '=' | '<>' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

export type Literal =
  | { readonly type: 'null' }
  | { readonly type: 'integer'; readonly value: bigint }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  /** `TIMESTAMP '...'`, already parsed: UTC microseconds. */
  | { readonly type: 'timestamp'; readonly micros: number }
  /** Any interval form, already parsed: microseconds. */
  | { readonly type: 'interval'; readonly micros: number };

export interface ColumnRef {
  readonly kind: 'column';
  /** Qualifier (`t.col`, or `window.start`), if any. */
  readonly table: Ident | undefined;
  readonly name: Ident;
  readonly span: Span;
}

export type Expr =
  | { readonly kind: 'literal'; readonly value: Literal; readonly span: Span }
  | ColumnRef
  | { readonly kind: 'unary'; readonly op: '-' | '+' | 'not'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'isNull'; readonly operand: Expr; readonly negated: boolean; readonly span: Span }
  | {
      readonly kind: 'between';
      readonly operand: Expr;
      readonly low: Expr;
      readonly high: Expr;
      readonly negated: boolean;
      readonly span: Span;
    }
  | { readonly kind: 'inList'; readonly operand: Expr; readonly list: readonly Expr[]; readonly negated: boolean; readonly span: Span }
  | { readonly kind: 'like'; readonly operand: Expr; readonly pattern: Expr; readonly negated: boolean; readonly span: Span }
  | {
      readonly kind: 'case';
      /** The simple form's operand (`CASE x WHEN 1 THEN ...`), undefined for the searched form. */
      readonly operand: Expr | undefined;
      readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly else: Expr | undefined;
      readonly span: Span;
    }
  | { readonly kind: 'cast'; readonly operand: Expr; readonly type: DataType; readonly span: Span }
  | {
      readonly kind: 'call';
      /** Lower-cased function name. */
      readonly name: string;
      readonly args: readonly Expr[];
      readonly distinct: boolean;
      /** `count(*)`. */
      readonly star: boolean;
      readonly span: Span;
    };
