-- late_rows on a window join of two windowed aggregations (Nexmark q8's shape). The join is a window join (EXPLAIN:
-- stateless): both aggregations emit a window in the same batch, so it drops nothing and adds no columns. Two operators
-- drop late rows, the aggregation on each side (`aggregate 3` over person, `aggregate 6` over auction; the ids EXPLAIN
-- prints). The late-row table has `_operator`, then each aggregation's input columns in EXPLAIN order: id, then tag,
-- STRING in person and BIGINT in auction, as tag_3 and tag_6; ts is one column (TIMESTAMP on both sides); then
-- seller. Then _batch, _watermark and _window_end. Watermark delays 2 s on each source; the query's is the smaller.
CREATE SOURCE person (id BIGINT, tag STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
CREATE SOURCE auction (seller BIGINT, tag BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND);
EXPLAIN CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT p.id, p.ws
  FROM (SELECT id, window.start AS ws, window.end AS we FROM person GROUP BY window(ts, '10 seconds'), id) p
  JOIN (SELECT seller, window.start AS ws, window.end AS we FROM auction GROUP BY window(ts, '10 seconds'), seller) a
  ON p.id = a.seller AND p.we = a.we AND p.ws = a.ws;
CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT p.id, p.ws
  FROM (SELECT id, window.start AS ws, window.end AS we FROM person GROUP BY window(ts, '10 seconds'), id) p
  JOIN (SELECT seller, window.start AS ws, window.end AS we FROM auction GROUP BY window(ts, '10 seconds'), seller) a
  ON p.id = a.seller AND p.we = a.we AND p.ws = a.ws;
DESCRIBE q_late;
-- batch 0, watermark none: [:00, :10) gets persons 1, 2 and sellers 1, 3; [:10, :20) person 1 and seller 1.
-- Watermark min(:14 - 2 s, :15 - 2 s) = :12. No-data batch 1 closes [:00, :10) on both sides: the join matches
-- person 1 with seller 1.
INSERT INTO person VALUES (1, 'x', '2024-01-01 00:00:01'), (2, 'y', '2024-01-01 00:00:03'), (1, 'x', '2024-01-01 00:00:14');
INSERT INTO auction VALUES (1, 10, '2024-01-01 00:00:02'), (3, 12, '2024-01-01 00:00:04'), (1, 11, '2024-01-01 00:00:15');
TRIGGER;
-- batch 2, watermark :12: person 5 at :05 and seller 6 at :09 fall in [:00, :10), ended at :10 <= :12: each side's
-- aggregation drops its row. Person 1 at :16 and seller 1 at :18 go to [:10, :20). Watermark min(:14, :16) = :14;
-- no-data batch 3 closes nothing.
INSERT INTO person VALUES (5, 'v', '2024-01-01 00:00:05'), (1, 'x', '2024-01-01 00:00:16');
INSERT INTO auction VALUES (6, 13, '2024-01-01 00:00:09'), (1, 14, '2024-01-01 00:00:18');
TRIGGER;
-- batch 4, watermark :14: person 7 at :08 is late again (window end :10). Watermark min(:29, :31) = :29; no-data
-- batch 5 closes [:10, :20): person 1 matches seller 1.
INSERT INTO person VALUES (7, 'u', '2024-01-01 00:00:08'), (2, 'y', '2024-01-01 00:00:31');
INSERT INTO auction VALUES (2, 15, '2024-01-01 00:00:33');
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_late;
SELECT _operator, seller, tag_6, ts FROM q_late WHERE tag_6 IS NOT NULL;
