// Expression rules of the Tidemark SQL grammar (with durations and type names), the base of the one SqlParser.

import { CstParser, EOF, type IToken } from 'chevrotain';
import { unitMicros } from '../common/time.js';
import * as T from './tokens.js';

/** Whether `INTERVAL '<text>'` followed by `next` takes `next` as its unit (`INTERVAL '10' MINUTE`). */
function takesUnit(literal: IToken, next: IToken): boolean {
  // A bare number cannot stand alone, so any word after it is meant as a unit; after a full duration
  // string only a real unit word is, so `INTERVAL '1 hour' x` keeps x as an alias.
  return unitMicros(next.image) !== undefined || /^'\s*[+-]?\d+(?:\.\d+)?\s*'$/.test(literal.image);
}

/**
 * Chevrotain grammar inheritance: these rules live in a base class only to keep files short; the
 * subclass in parser.ts runs the self-analysis and is the only instance ever created.
 */
export class ExpressionParser extends CstParser {
  constructor() {
    super(T.allTokens, { maxLookahead: 3, nodeLocationTracking: 'full' });
  }

  readonly expressionEof = this.RULE('expressionEof', () => {
    this.SUBRULE(this.expression);
    this.CONSUME(EOF);
  });

  // Type names are plain words checked in the AST builder, so an unknown type gets a message listing the
  // accepted ones instead of a generic syntax error, and type names stay usable as column names.
  // PRECISION is only meaningful after DOUBLE; the builder rejects it elsewhere.
  readonly dataType = this.RULE('dataType', () => {
    this.CONSUME(T.Name, { LABEL: 'typeName' });
    this.OPTION(() => this.CONSUME(T.Precision, { LABEL: 'typeSuffix' }));
    this.OPTION2(() => {
      this.CONSUME(T.LParen);
      this.CONSUME(T.NumberLiteral, { LABEL: 'length' });
      this.CONSUME(T.RParen);
    });
  });

  // ---- durations (WATERMARK delays and INTERVAL literals) ----

  readonly duration = this.RULE('duration', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.SUBRULE(this.intervalLiteral) },
      { ALT: () => this.SUBRULE(this.durationPairs) },
    ]);
  });

  /** `10 min`, `1 hour 30 minutes`. */
  readonly durationPairs = this.RULE('durationPairs', () => {
    this.AT_LEAST_ONE(() => {
      this.CONSUME(T.NumberLiteral);
      this.SUBRULE(this.timeUnit);
    });
  });

  readonly timeUnit = this.RULE('timeUnit', () => {
    this.CONSUME(T.AliasName);
  });

  readonly intervalLiteral = this.RULE('intervalLiteral', () => {
    this.CONSUME(T.Interval);
    this.OR([
      {
        ALT: () => {
          const literal = this.CONSUME(T.StringLiteral);
          this.OPTION({ GATE: () => takesUnit(literal, this.LA(1)), DEF: () => this.SUBRULE(this.timeUnit) });
        },
      },
      { ALT: () => this.SUBRULE(this.durationPairs) },
    ]);
  });

  // ---- expressions, lowest precedence first ----

  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpression);
  });

  readonly orExpression = this.RULE('orExpression', () => {
    this.SUBRULE(this.andExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpression, { LABEL: 'operands' });
    });
  });

  readonly andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.notExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpression, { LABEL: 'operands' });
    });
  });

  readonly notExpression = this.RULE('notExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]);
  });

  readonly predicate = this.RULE('predicate', () => {
    this.SUBRULE(this.concatExpression);
    this.MANY(() => this.SUBRULE(this.predicateSuffix));
  });

  readonly predicateSuffix = this.RULE('predicateSuffix', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.ComparisonOp);
          this.SUBRULE(this.concatExpression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          this.OPTION(() => this.CONSUME(T.Not));
          this.CONSUME(T.Null);
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => this.CONSUME2(T.Not));
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(T.Between);
                this.SUBRULE(this.betweenRange);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.In);
                this.SUBRULE(this.inList);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.Like);
                this.SUBRULE2(this.concatExpression);
              },
            },
          ]);
        },
      },
    ]);
  });

  readonly betweenRange = this.RULE('betweenRange', () => {
    this.SUBRULE(this.concatExpression, { LABEL: 'low' });
    this.CONSUME(T.And);
    this.SUBRULE2(this.concatExpression, { LABEL: 'high' });
  });

  readonly inList = this.RULE('inList', () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(T.RParen);
  });

  readonly concatExpression = this.RULE('concatExpression', () => {
    this.SUBRULE(this.additiveExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.Concat);
      this.SUBRULE2(this.additiveExpression, { LABEL: 'operands' });
    });
  });

  readonly additiveExpression = this.RULE('additiveExpression', () => {
    this.SUBRULE(this.multiplicativeExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.AdditiveOp);
      this.SUBRULE2(this.multiplicativeExpression, { LABEL: 'operands' });
    });
  });

  readonly multiplicativeExpression = this.RULE('multiplicativeExpression', () => {
    this.SUBRULE(this.unaryExpression, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(T.MultiplicativeOp);
      this.SUBRULE2(this.unaryExpression, { LABEL: 'operands' });
    });
  });

  readonly unaryExpression = this.RULE('unaryExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.AdditiveOp);
          this.SUBRULE(this.unaryExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.primaryExpression) },
    ]);
  });

  readonly primaryExpression = this.RULE('primaryExpression', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
      { ALT: () => this.SUBRULE(this.timestampLiteral) },
      { ALT: () => this.SUBRULE(this.intervalLiteral) },
      { ALT: () => this.SUBRULE(this.parenExpression) },
      { ALT: () => this.SUBRULE(this.caseExpression) },
      { ALT: () => this.SUBRULE(this.castExpression) },
      { ALT: () => this.SUBRULE(this.columnOrCall) },
    ]);
  });

  readonly timestampLiteral = this.RULE('timestampLiteral', () => {
    this.CONSUME(T.Timestamp);
    this.CONSUME(T.StringLiteral);
  });

  readonly parenExpression = this.RULE('parenExpression', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  readonly caseExpression = this.RULE('caseExpression', () => {
    this.CONSUME(T.Case);
    this.OPTION(() => this.SUBRULE(this.expression, { LABEL: 'operand' }));
    this.AT_LEAST_ONE(() => this.SUBRULE(this.caseWhen));
    this.OPTION2(() => {
      this.CONSUME(T.Else);
      this.SUBRULE2(this.expression, { LABEL: 'otherwise' });
    });
    this.CONSUME(T.End);
  });

  readonly caseWhen = this.RULE('caseWhen', () => {
    this.CONSUME(T.When);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
    this.CONSUME(T.Then);
    this.SUBRULE2(this.expression, { LABEL: 'result' });
  });

  readonly castExpression = this.RULE('castExpression', () => {
    this.CONSUME(T.Cast);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.As);
    this.SUBRULE(this.dataType);
    this.CONSUME(T.RParen);
  });

  /** `col`, `t.col`, `window.end`, `f(...)`: one rule so the choice is made after the first word. */
  readonly columnOrCall = this.RULE('columnOrCall', () => {
    this.CONSUME(T.Name, { LABEL: 'first' });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.CONSUME(T.AnyWord, { LABEL: 'second' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.OPTION2(() => this.SUBRULE(this.callArguments));
            this.CONSUME(T.RParen);
          },
        },
      ]);
    });
  });

  readonly callArguments = this.RULE('callArguments', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Star) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Distinct));
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
        },
      },
    ]);
  });
}
