// The Tidemark SQL grammar: statements and queries on top of the expression rules; one CstParser instance.

import { EOF } from 'chevrotain';
import { ExpressionParser } from './parser-expressions.js';
import * as T from './tokens.js';

class SqlParser extends ExpressionParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  // ---- entry points ----

  readonly statementEof = this.RULE('statementEof', () => {
    this.SUBRULE(this.statement);
    this.OPTION(() => this.CONSUME(T.Semicolon));
    this.CONSUME(EOF);
  });

  readonly statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.createStatement) },
      { ALT: () => this.SUBRULE(this.insertStatement) },
      { ALT: () => this.SUBRULE(this.dropStatement) },
      { ALT: () => this.SUBRULE(this.showStatement) },
      { ALT: () => this.SUBRULE(this.describeStatement) },
      { ALT: () => this.SUBRULE(this.explainStatement) },
      { ALT: () => this.SUBRULE(this.triggerStatement) },
      { ALT: () => this.SUBRULE(this.restartStatement) },
      { ALT: () => this.SUBRULE(this.stopStatement) },
      { ALT: () => this.SUBRULE(this.queryStatement) },
    ]);
  });

  // ---- DDL and commands ----

  readonly createStatement = this.RULE('createStatement', () => {
    this.CONSUME(T.Create);
    this.OR([
      { ALT: () => this.SUBRULE(this.createSourceBody) },
      { ALT: () => this.SUBRULE(this.createTableBody) },
      { ALT: () => this.SUBRULE(this.createQueryBody) },
    ]);
  });

  readonly createSourceBody = this.RULE('createSourceBody', () => {
    this.CONSUME(T.Source);
    this.OPTION(() => this.SUBRULE(this.ifNotExists));
    this.CONSUME(T.Name);
    this.SUBRULE(this.tableElements);
    this.OPTION2(() => this.SUBRULE(this.withOptions));
  });

  readonly createTableBody = this.RULE('createTableBody', () => {
    this.CONSUME(T.Table);
    this.OPTION(() => this.SUBRULE(this.ifNotExists));
    this.CONSUME(T.Name);
    this.SUBRULE(this.tableElements);
    this.OPTION2(() => this.SUBRULE(this.withOptions));
  });

  readonly createQueryBody = this.RULE('createQueryBody', () => {
    this.CONSUME(T.Query);
    this.CONSUME(T.Name);
    this.OPTION(() => this.SUBRULE(this.withOptions));
    this.CONSUME(T.As);
    this.SUBRULE(this.queryExpression);
  });

  readonly ifNotExists = this.RULE('ifNotExists', () => {
    this.CONSUME(T.If);
    this.CONSUME(T.Not);
    this.CONSUME(T.Exists);
  });

  readonly tableElements = this.RULE('tableElements', () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.tableElement) });
    this.CONSUME(T.RParen);
  });

  readonly tableElement = this.RULE('tableElement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.watermarkDefinition) },
      { ALT: () => this.SUBRULE(this.columnDefinition) },
    ]);
  });

  readonly columnDefinition = this.RULE('columnDefinition', () => {
    this.CONSUME(T.Name);
    this.SUBRULE(this.dataType);
    this.OPTION(() => {
      this.CONSUME(T.Not);
      this.CONSUME(T.Null);
    });
  });

  readonly watermarkDefinition = this.RULE('watermarkDefinition', () => {
    this.CONSUME(T.Watermark);
    this.CONSUME(T.For);
    this.CONSUME(T.Name, { LABEL: 'column' });
    this.CONSUME(T.As);
    this.CONSUME2(T.Name, { LABEL: 'exprColumn' });
    this.OPTION(() => {
      this.CONSUME(T.Minus);
      this.SUBRULE(this.duration);
    });
  });

  readonly withOptions = this.RULE('withOptions', () => {
    this.CONSUME(T.With);
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.optionEntry) });
    this.CONSUME(T.RParen);
  });

  readonly optionEntry = this.RULE('optionEntry', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Name, { LABEL: 'key' });
          this.MANY(() => {
            this.CONSUME(T.Dot);
            this.CONSUME(T.AnyWord, { LABEL: 'key' });
          });
        },
      },
      { ALT: () => this.CONSUME(T.StringLiteral, { LABEL: 'quotedKey' }) },
    ]);
    this.CONSUME(T.Equals);
    this.OR2([
      { ALT: () => this.CONSUME2(T.StringLiteral, { LABEL: 'value' }) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Minus));
          this.CONSUME(T.NumberLiteral, { LABEL: 'value' });
        },
      },
      { ALT: () => this.CONSUME(T.True, { LABEL: 'value' }) },
      { ALT: () => this.CONSUME(T.False, { LABEL: 'value' }) },
    ]);
  });

  readonly insertStatement = this.RULE('insertStatement', () => {
    this.CONSUME(T.Insert);
    this.CONSUME(T.Into);
    this.CONSUME(T.Name, { LABEL: 'target' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Name, { LABEL: 'column' }) });
      this.CONSUME(T.RParen);
    });
    this.CONSUME(T.Values);
    this.AT_LEAST_ONE_SEP2({ SEP: T.Comma, DEF: () => this.SUBRULE(this.valuesRow) });
  });

  readonly valuesRow = this.RULE('valuesRow', () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RParen);
  });

  readonly dropStatement = this.RULE('dropStatement', () => {
    this.CONSUME(T.Drop);
    this.OR([
      { ALT: () => this.CONSUME(T.Source, { LABEL: 'objectType' }) },
      { ALT: () => this.CONSUME(T.Table, { LABEL: 'objectType' }) },
      { ALT: () => this.CONSUME(T.Query, { LABEL: 'objectType' }) },
    ]);
    this.OPTION(() => {
      this.CONSUME(T.If);
      this.CONSUME(T.Exists);
    });
    this.CONSUME(T.Name);
  });

  readonly showStatement = this.RULE('showStatement', () => {
    this.CONSUME(T.Show);
    this.OR([
      { ALT: () => this.CONSUME(T.Sources, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(T.Tables, { LABEL: 'what' }) },
      { ALT: () => this.CONSUME(T.Queries, { LABEL: 'what' }) },
      {
        ALT: () => {
          this.CONSUME(T.Progress, { LABEL: 'what' });
          this.CONSUME(T.Name);
          this.OPTION(() => {
            this.CONSUME(T.Like);
            this.CONSUME(T.StringLiteral, { LABEL: 'pattern' });
          });
        },
      },
    ]);
  });

  readonly describeStatement = this.RULE('describeStatement', () => {
    this.CONSUME(T.Describe);
    this.CONSUME(T.Name);
  });

  readonly explainStatement = this.RULE('explainStatement', () => {
    this.CONSUME(T.Explain);
    this.OR([
      { ALT: () => this.SUBRULE(this.queryExpression) },
      {
        ALT: () => {
          this.CONSUME(T.Create);
          this.SUBRULE(this.createQueryBody);
        },
      },
    ]);
  });

  readonly triggerStatement = this.RULE('triggerStatement', () => {
    this.CONSUME(T.Trigger);
  });

  readonly restartStatement = this.RULE('restartStatement', () => {
    this.CONSUME(T.Restart);
    this.CONSUME(T.Name);
  });

  readonly stopStatement = this.RULE('stopStatement', () => {
    this.CONSUME(T.Stop);
    this.CONSUME(T.Query);
    this.CONSUME(T.Name);
  });

  readonly queryStatement = this.RULE('queryStatement', () => {
    this.SUBRULE(this.queryExpression);
  });

  // ---- queries ----

  readonly queryExpression = this.RULE('queryExpression', () => {
    this.SUBRULE(this.queryTerm);
    this.MANY(() => {
      this.SUBRULE(this.unionOperator);
      this.SUBRULE2(this.queryTerm);
    });
  });

  readonly unionOperator = this.RULE('unionOperator', () => {
    this.CONSUME(T.Union);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.All) },
        { ALT: () => this.CONSUME(T.Distinct) },
      ]);
    });
  });

  readonly queryTerm = this.RULE('queryTerm', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.selectCore) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.queryExpression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  readonly selectCore = this.RULE('selectCore', () => {
    this.CONSUME(T.Select);
    this.OPTION(() => this.CONSUME(T.Distinct));
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.selectItem) });
    this.OPTION2(() => this.SUBRULE(this.fromClause));
    this.OPTION3(() => this.SUBRULE(this.whereClause));
    // WATERMARK is accepted both before GROUP BY and after HAVING; the AST builder allows only one.
    this.OPTION4(() => this.SUBRULE(this.watermarkClause));
    this.OPTION5(() => this.SUBRULE(this.groupByClause));
    this.OPTION6(() => this.SUBRULE(this.havingClause));
    this.OPTION7(() => this.SUBRULE2(this.watermarkClause));
    this.OPTION8(() => this.SUBRULE(this.orderByClause));
    this.OPTION9(() => this.SUBRULE(this.limitClause));
    this.option(10, () => this.SUBRULE(this.emitClause));
  });

  readonly selectItem = this.RULE('selectItem', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Star) },
      {
        ALT: () => {
          this.CONSUME(T.Name, { LABEL: 'qualifier' });
          this.CONSUME(T.Dot);
          this.CONSUME2(T.Star);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.expression);
          this.OPTION(() => this.SUBRULE(this.alias));
        },
      },
    ]);
  });

  readonly alias = this.RULE('alias', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.As);
          this.CONSUME(T.AnyWord, { LABEL: 'name' });
        },
      },
      { ALT: () => this.CONSUME(T.AliasName, { LABEL: 'name' }) },
    ]);
  });

  readonly fromClause = this.RULE('fromClause', () => {
    this.CONSUME(T.From);
    this.SUBRULE(this.fromPrimary);
    this.MANY(() => this.SUBRULE(this.joinPart));
  });

  readonly fromPrimary = this.RULE('fromPrimary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Name, { LABEL: 'relation' }) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.queryExpression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
    this.OPTION(() => this.SUBRULE(this.alias));
  });

  readonly joinPart = this.RULE('joinPart', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Comma);
          this.SUBRULE(this.fromPrimary);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cross);
          this.CONSUME(T.Join);
          this.SUBRULE2(this.fromPrimary);
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.SUBRULE(this.joinKind));
          this.CONSUME2(T.Join);
          this.SUBRULE3(this.fromPrimary);
          this.CONSUME(T.On);
          this.SUBRULE(this.expression);
        },
      },
    ]);
  });

  readonly joinKind = this.RULE('joinKind', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Inner, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(T.Left, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(T.Right, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(T.Full, { LABEL: 'kind' }) },
    ]);
    this.OPTION(() => this.CONSUME(T.Outer));
  });

  readonly whereClause = this.RULE('whereClause', () => {
    this.CONSUME(T.Where);
    this.SUBRULE(this.expression);
  });

  readonly groupByClause = this.RULE('groupByClause', () => {
    this.CONSUME(T.Group);
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
  });

  readonly havingClause = this.RULE('havingClause', () => {
    this.CONSUME(T.Having);
    this.SUBRULE(this.expression);
  });

  readonly watermarkClause = this.RULE('watermarkClause', () => {
    this.CONSUME(T.Watermark);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.watermarkItem) });
  });

  readonly watermarkItem = this.RULE('watermarkItem', () => {
    this.CONSUME(T.Name, { LABEL: 'qualifier' });
    this.OPTION(() => {
      this.CONSUME(T.Dot);
      this.CONSUME(T.AnyWord, { LABEL: 'column' });
    });
    this.SUBRULE(this.duration);
  });

  readonly orderByClause = this.RULE('orderByClause', () => {
    this.CONSUME(T.Order);
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.orderItem) });
  });

  readonly orderItem = this.RULE('orderItem', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Asc, { LABEL: 'direction' }) },
        { ALT: () => this.CONSUME(T.Desc, { LABEL: 'direction' }) },
      ]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Nulls);
      this.OR2([
        { ALT: () => this.CONSUME(T.First, { LABEL: 'nulls' }) },
        { ALT: () => this.CONSUME(T.Last, { LABEL: 'nulls' }) },
      ]);
    });
  });

  readonly limitClause = this.RULE('limitClause', () => {
    this.CONSUME(T.Limit);
    this.CONSUME(T.NumberLiteral);
  });

  readonly emitClause = this.RULE('emitClause', () => {
    this.CONSUME(T.Emit);
    this.OR([
      { ALT: () => this.CONSUME(T.Append, { LABEL: 'mode' }) },
      { ALT: () => this.CONSUME(T.Update, { LABEL: 'mode' }) },
      { ALT: () => this.CONSUME(T.Complete, { LABEL: 'mode' }) },
    ]);
  });
}

/** The one parser instance: Chevrotain parsers are costly to build and are reset by setting `input`. */
export const sqlParser = new SqlParser();
export type { SqlParser };
