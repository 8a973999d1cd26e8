-- Query-level watermarks on the two inputs of a join (`WATERMARK a.ts 10 seconds, b.ts 5 seconds`) watch each input,
-- as a source's WATERMARK FOR does, not the joined rows: the watermark is the minimum of max(a.ts) - 10 s and
-- max(b.ts) - 5 s over all rows read, matched or not, and outer joins know when a row can no longer match.
-- q, batch 0: a 1 :00 matches b 1 :05. Watermark min(:10 - 10 s, :09 - 5 s) = :00. Batch 2: b 2 :15 matches a 2 :10;
-- b 1 :00 is late (<= :00) and dropped.
-- l (range b.ts in [a.ts - 2 s, a.ts + 3 s], delays 4 s and 1 s), batch 0: b 2 :09 matches a 2 :10. Watermark
-- min(:10 - 4 s, :09 - 1 s) = :06; no-data batch 1 evicts a rows with a.ts <= :06 - 3 s: a 1 :00 never matched, so it
-- is padded with NULLs. Batch 2: b 1 :00 is late; b 2 :15 is 5 s after a 2 :10, out of range.
CREATE SOURCE a (k BIGINT, ts TIMESTAMP);
CREATE SOURCE b (k BIGINT, ts TIMESTAMP);
CREATE QUERY q AS SELECT a.k, a.ts AS ats, b.ts AS bts FROM a JOIN b
  ON a.k = b.k AND b.ts >= a.ts AND b.ts <= a.ts + INTERVAL '5' SECOND
  WATERMARK a.ts 10 seconds, b.ts 5 seconds;
CREATE QUERY l AS SELECT a.k, a.ts AS ats, b.ts AS bts FROM a LEFT JOIN b ON a.k = b.k
  AND b.ts BETWEEN a.ts - INTERVAL '2' SECOND AND a.ts + INTERVAL '3' SECOND
  WATERMARK a.ts 4 seconds, b.ts 1 second;
INSERT INTO a VALUES (1, '2024-01-01 10:00:00'), (2, '2024-01-01 10:00:10');
INSERT INTO b VALUES (1, '2024-01-01 10:00:05'), (2, '2024-01-01 10:00:09');
TRIGGER;
INSERT INTO b VALUES (2, '2024-01-01 10:00:15'), (1, '2024-01-01 10:00:00');
TRIGGER;
SELECT * FROM q;
SELECT * FROM l;
