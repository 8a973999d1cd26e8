// Runs a SQL script and renders the golden-file text (sql-tests format): one block per statement.

import { toTidemarkError, type TidemarkError } from '../common/errors.js';
import { formatSchema } from '../common/types.js';
import { splitStatements } from '../grammar/index.js';
import { batchLines, renderRows } from './batch-text.js';
import { Engine, type ExecuteResult } from './engine.js';
import type { TriggerOutcome } from './streaming-query.js';

export { renderRows };

const errorLine = (e: TidemarkError): string => `ERROR ${e.code}: ${e.message}`;

/** TRIGGER's output lines: per batch a `== q batch N watermark W` header and its rows, or an ERROR line. */
export function renderBatches(engine: Engine, batches: readonly TriggerOutcome[]): string[] {
  const lines: string[] = [];
  for (const b of batches) {
    if ('error' in b) {
      lines.push(errorLine(b.error));
      continue;
    }
    const q = engine.query(b.query)!;
    lines.push(...batchLines(b, q.schema, q.orderBy));
  }
  return lines;
}

function render(engine: Engine, r: ExecuteResult, isSelect: boolean): { schema?: string; lines: string[] } {
  switch (r.kind) {
    case 'result':
      return { schema: isSelect ? formatSchema(r.schema) : undefined, lines: renderRows(r.table, r.schema, r.orderBy) };
    case 'query':
      return { schema: formatSchema(r.query.schema), lines: [] };
    case 'trigger':
      return { lines: renderBatches(engine, r.batches) };
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** Executes one statement and renders its result: a schema line (SELECT, CREATE QUERY) and output lines. */
export function runStatement(engine: Engine, text: string, origin?: { line: number; column: number }): { schema?: string; lines: string[] } {
  try {
    const isSelect = /^\s*(select|\()/i.test(text);
    return render(engine, engine.execute(text, origin), isSelect);
  } catch (e) {
    return { lines: [errorLine(toTidemarkError(e))] };
  }
}

/** Executes every statement of `script` in `engine` and returns the golden text. */
export function runScript(script: string, engine: Engine): string {
  const blocks: string[] = [];
  for (const piece of splitStatements(script)) {
    // Line breaks print as \n whatever the script used (a file saved with \r\n prints the same text).
    const head = ['-- !query', piece.text.replace(/\r\n?/g, '\n')];
    const out = runStatement(engine, piece.text, { line: piece.line, column: piece.column });
    if (out.schema !== undefined) head.push('-- !query schema', out.schema);
    head.push('-- !query output', ...out.lines);
    blocks.push(head.join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}
