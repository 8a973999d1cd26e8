-- Pins SHOW PROGRESS: the last batch's progress (Spark's StreamingQueryProgress) as (field, value) rows in JSON order,
-- fields named by their JSON path. LIKE ('*' any characters, '|' alternatives) keeps the fields a golden can pin:
-- never id, timestamp, the rates, durationMs or memoryUsedBytes, which depend on the run and the wall clock.
CREATE SOURCE clicks (page STRING, ts TIMESTAMP);
CREATE QUERY c AS
  SELECT window.start AS ws, page, count(*) AS n
  FROM clicks
  GROUP BY window(ts, '10 minutes'), page
  WATERMARK ts 5 minutes
  EMIT APPEND;
-- No batch has run yet: no progress.
SHOW PROGRESS c;
INSERT INTO clicks VALUES ('a', TIMESTAMP '2024-01-01 00:01:00'), ('b', '2024-01-01 00:02:00'), ('a', '2024-01-01 00:16:00');
TRIGGER;
-- The last progress is the no-data batch 1 that closed [00:00, 00:10).
SHOW PROGRESS c LIKE 'name|batchId|numInputRows|eventTime*|stateOperators*operator|stateOperators*numRows*|sources*|sink*';
-- Two late rows: batch 2 drops both, the watermark stays, so no no-data batch follows.
INSERT INTO clicks VALUES ('a', '2024-01-01 00:05:00'), ('c', '2024-01-01 00:09:00');
TRIGGER;
show progress c like 'BATCHID | numInputRows | eventTime.* | stateOperators[0].numRows* | sources[0].*Offset | sink.numOutputRows';
-- A pattern that matches no field shows no rows.
SHOW PROGRESS c LIKE 'nothing*';
SHOW PROGRESS nope;
-- SHOW QUERIES carries the last progress's batch, input rows and watermark in effect.
SHOW QUERIES;
