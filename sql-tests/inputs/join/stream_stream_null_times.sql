-- Rows without an event time in a stream–stream join: the time range in ON can never hold for them, so they match
-- nothing. An outer join keeps such a row of its preserved side at once, padded with NULLs (what a batch FULL JOIN
-- gives; no later row can change it); an inner join drops it. Neither counts as late.
-- batch 0: a 1 and b 1 have NULL times: each padded by the FULL join, dropped by the inner one; a 2 :01 matches b 2 :02.
CREATE SOURCE a (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE b (k BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY l AS SELECT a.k AS ak, a.ts AS ats, b.k AS bk, b.ts AS bts FROM a FULL JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND;
CREATE QUERY i AS SELECT a.k AS ak, b.k AS bk FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '5' SECOND;
INSERT INTO a VALUES (1, NULL), (2, '2024-01-01 00:00:01');
INSERT INTO b VALUES (1, NULL), (2, '2024-01-01 00:00:02');
TRIGGER;
SELECT * FROM l;
SELECT * FROM i;
