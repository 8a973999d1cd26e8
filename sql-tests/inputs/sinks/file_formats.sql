-- Pins the files sink's formats: jsonl, csv and arrow each read back (SELECT * FROM the query reads the committed
-- files) exactly the rows the query emitted, NULLs, quotes, commas, tabs, newlines and fractional timestamps included;
-- and a windowed aggregation in APPEND mode writes each window once, in the batch that closes it.
CREATE SOURCE events (id BIGINT, note STRING, ok BOOLEAN, score DOUBLE, ts TIMESTAMP);
CREATE QUERY as_jsonl WITH (sink = 'files', path = 'out/jsonl', format = 'jsonl') AS SELECT * FROM events;
CREATE QUERY as_csv WITH (sink = 'files', path = 'out/csv', format = 'csv') AS SELECT * FROM events;
CREATE QUERY as_arrow WITH (sink = 'files', path = 'out/arrow', format = 'arrow') AS SELECT * FROM events;
CREATE QUERY per_minute WITH (sink = 'files', path = 'out/per_minute', format = 'csv') AS
  SELECT window.start AS ws, count(*) AS n, max(score) AS top
  FROM events
  GROUP BY window(ts, '1 minute')
  WATERMARK ts 10 seconds
  EMIT APPEND;
INSERT INTO events VALUES
  (1, 'plain', true, 1.5, '2024-05-01 09:00:05'),
  (2, 'a, "quoted" note', false, -0.25, '2024-05-01 09:00:30.000250'),
  (3, 'two
lines	and a tab', NULL, NULL, '2024-05-01 09:00:59.5'),
  (4, '', true, 100.0, '2024-05-01 09:01:20'),
  (5, NULL, false, 3.0, NULL);
TRIGGER;
SELECT * FROM as_jsonl;
SELECT * FROM as_csv;
SELECT * FROM as_arrow;
SELECT * FROM per_minute;
INSERT INTO events VALUES (6, 'late', true, 9.0, '2024-05-01 09:00:45'), (7, 'next', true, 2.0, '2024-05-01 09:02:31');
TRIGGER;
SELECT * FROM per_minute;
SELECT count(*) AS n, count(note) AS notes FROM as_csv;
