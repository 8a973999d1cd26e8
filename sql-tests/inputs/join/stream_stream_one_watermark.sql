-- An inner join of two streams where only one side's time has a watermark: the watermark (a's) can never rule out a
-- b row, so a's rows stay in state (EXPLAIN says so) and no b row is late; b's rows go once no future a row can match
-- them (b.ts <= watermark, as future a rows have a.ts > watermark and need b.ts >= a.ts), as in Spark.
-- batch 0: a 1 :00 and a 2 :50; watermark :50 and no-data batch 1 (nothing goes). batch 2: b 1 :03 matches a 1 :00,
-- which the watermark :50 did not evict.
CREATE SOURCE a (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE b (k BIGINT, ts TIMESTAMP);
CREATE QUERY q AS SELECT a.k, a.ts AS ats, b.ts AS bts FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND;
INSERT INTO a VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:50');
TRIGGER;
INSERT INTO b VALUES (1, '2024-01-01 00:00:03');
TRIGGER;
SELECT * FROM q;
EXPLAIN SELECT a.k, a.ts AS ats, b.ts AS bts FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND;
