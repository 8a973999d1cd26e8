// What each statement of the grammar does, with an example: the hand-written part of docs/reference.md's Statements.

export interface StatementDoc {
  readonly title: string;
  readonly doc: string;
  /** Runs in a fresh engine after the examples listed before it (docs/reference.test.ts runs them in this order). */
  readonly example: string;
}

/**
 * Keyed by the grammar rule of each statement (CREATE's choices stand for themselves). gen-reference.ts refuses to run
 * when these keys and the alternatives of the parser's `statement` rule differ, so a new statement needs an entry here.
 */
export const STATEMENT_DOCS: Readonly<Record<string, StatementDoc>> = {
  createSourceBody: {
    title: 'CREATE SOURCE',
    doc: 'Declares a stream: its columns, optionally a watermark on a TIMESTAMP column (`WATERMARK FOR ts AS ts - <delay>`: '
      + 'the watermark trails the latest event time seen by the delay), and its connector with its options (see '
      + '[Source connectors](#source-connectors)). A `memory` source, the default, takes rows from INSERT. '
      + '`IF NOT EXISTS` makes it a no-op when the name exists.',
    example: "CREATE SOURCE clicks (user_id BIGINT, page STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)\n"
      + "  WITH (connector = 'memory', starting_offsets = 'earliest')",
  },
  createTableBody: {
    title: 'CREATE TABLE',
    doc: 'Declares a static table, filled by INSERT. SELECT reads it; a stream joins it (each micro-batch sees the table as it is then).',
    example: 'CREATE TABLE users (id BIGINT NOT NULL, country STRING)',
  },
  createQueryBody: {
    title: 'CREATE QUERY',
    doc: 'Starts a streaming query over sources (and tables). Its micro-batches run as its `trigger` option says, its output '
      + 'goes to its `sink` (by default a result table of the same name that SELECT reads), and its checkpoint lets it resume '
      + 'after a restart. The query ends with `EMIT APPEND | UPDATE | COMPLETE` (the output mode) and may declare watermarks '
      + 'with `WATERMARK col delay`. See [CREATE QUERY options](#create-query-options).',
    example: "CREATE QUERY per_page WITH (trigger = 'manual') AS\n"
      + '  SELECT window.start AS ws, page, count(*) AS n\n'
      + '  FROM clicks\n'
      + "  GROUP BY window(ts, '1 minute'), page\n"
      + '  EMIT APPEND',
  },
  insertStatement: {
    title: 'INSERT INTO',
    doc: 'Appends rows to a memory source (read by the next micro-batch of each query) or to a table. Every row is checked '
      + 'before any is inserted; strings are converted to TIMESTAMP where a column needs one.',
    example: "INSERT INTO clicks (user_id, page, ts) VALUES (1, 'home', '2024-01-01 00:00:05'), (2, 'docs', TIMESTAMP '2024-01-01 00:01:30')",
  },
  triggerStatement: {
    title: 'TRIGGER',
    doc: 'Runs every running query, whatever its trigger, over the input that has arrived: a data batch, then a no-data '
      + 'batch when the watermark advanced. Golden files and `tidemark run` rely on it (their queries are manual by default).',
    example: 'TRIGGER',
  },
  showStatement: {
    title: 'SHOW',
    doc: 'Lists sources, tables or queries (with status, last batch, input rows and watermark), or `SHOW PROGRESS q` the '
      + "last batch's progress of a query as field/value rows; `LIKE 'pattern'` keeps the fields it matches (`*` any "
      + 'characters, `|` between alternatives).',
    example: "SHOW PROGRESS per_page LIKE 'batchId|numInputRows|eventTime*'",
  },
  describeStatement: {
    title: 'DESCRIBE',
    doc: 'The columns of a source, table or query: name, type, nullable.',
    example: 'DESCRIBE per_page',
  },
  explainStatement: {
    title: 'EXPLAIN',
    doc: 'The plan of a SELECT or a CREATE QUERY, without running it: stages, the operators that hold state (with their '
      + 'ids), watermarks and the output mode.',
    example: "EXPLAIN SELECT window.start AS ws, count(*) AS n FROM clicks GROUP BY window(ts, '1 minute') EMIT UPDATE",
  },
  queryStatement: {
    title: 'SELECT',
    doc: "A batch query over tables, a query's result table (or a files sink's committed output), a late-row or dead-letter "
      + 'table, printed with its schema. It cannot read a source: a query over a stream is a CREATE QUERY.',
    example: 'SELECT ws, page, n FROM per_page WHERE n >= 1 ORDER BY ws, page',
  },
  stopStatement: {
    title: 'STOP QUERY',
    doc: 'Stops a query: it runs no more batches; its result table stays readable and RESTART resumes it.',
    example: 'STOP QUERY per_page',
  },
  restartStatement: {
    title: 'RESTART',
    doc: 'Stops a query (dropping what it holds in memory) and starts it again from its checkpoint; resumes a stopped or failed query.',
    example: 'RESTART per_page',
  },
  dropStatement: {
    title: 'DROP',
    doc: 'Removes a source, table or query. DROP QUERY stops the query and deletes its checkpoint (a files sink keeps its '
      + 'files); a source or table that a query reads cannot be dropped before the query. `IF EXISTS` makes a missing name a no-op.',
    example: 'DROP QUERY IF EXISTS per_page',
  },
};
