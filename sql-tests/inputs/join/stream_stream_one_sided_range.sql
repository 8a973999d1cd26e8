-- A time range bounded on one side only: r.rt <= l.lt + 5 s lets a left row go once the watermark passes its lt by
-- 5 s (no later right row can match it), while a right row may match any later left row and stays. EXPLAIN says so.
-- batches 0-1: nothing matches; watermark :00. batch 2: watermark :30; no-data batch 3 evicts the left rows :00-:02.
-- batch 4: rt :31 matches lt :30 (k 4); rt :20 is late; k 1's left row has gone.
CREATE SOURCE l (k BIGINT, lt TIMESTAMP, WATERMARK FOR lt AS lt);
CREATE SOURCE r (k BIGINT, rt TIMESTAMP, WATERMARK FOR rt AS rt);
EXPLAIN SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt <= l.lt + INTERVAL '5' SECOND;
EXPLAIN SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt >= l.lt - INTERVAL '2' SECOND;
CREATE QUERY q AS SELECT l.k, l.lt, r.rt FROM l JOIN r ON l.k = r.k AND r.rt <= l.lt + INTERVAL '5' SECOND;
INSERT INTO l VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:01'), (3, '2024-01-01 00:00:02');
INSERT INTO r VALUES (9, '2024-01-01 00:00:00');
TRIGGER;
INSERT INTO l VALUES (4, '2024-01-01 00:00:30');
INSERT INTO r VALUES (9, '2024-01-01 00:00:30');
TRIGGER;
SHOW PROGRESS q LIKE 'batchId|stateOperators*numRows*';
INSERT INTO r VALUES (1, '2024-01-01 00:00:31'), (4, '2024-01-01 00:00:31'), (4, '2024-01-01 00:00:20');
TRIGGER;
SHOW PROGRESS q LIKE 'batchId|stateOperators*numRows*';
