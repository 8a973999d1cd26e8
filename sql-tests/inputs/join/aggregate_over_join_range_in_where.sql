-- A windowed count over a join of two streams whose time range is written in WHERE, not ON. Over an inner join the
-- two mean the same and the optimizer moves the range into the join; the streaming check runs after that move, so the
-- join is bounded (views within 5 s after the click) and the window over c.ts can close. Before, the check ran first
-- and refused the query. Watermarks 0 s on both sources; the query's is the smaller of the two.
-- A joined row's c.ts trails the watermark by at most the 5 s range, so a window goes once end <= watermark - 5 s.
-- batch 0: clicks a :01, b :03; views a :02 (pairs with a: :02 in [:01, :06]), b :09 (not in [:03, :08]).
--   watermark after: min(:03, :09) = :03; no-data batch 1 at :03 closes nothing.
-- batch 2: click a :12, views a :14 (pairs with a :12), b :04 (above the watermark :03, pairs with b :03).
--   watermark after: min(:12, :14) = :12; no-data batch 3 closes windows with end <= :07: none.
-- batch 4: click c :30, view c :31 (a pair in [:30, :40)). Watermark after: :30.
-- no-data batch 5 at :30: windows with end <= :25 close: [:00, :10) with 2 pairs (a :01, b :03) and [:10, :20)
--   with 1 (a :12). [:30, :40) stays open.
CREATE SOURCE clicks (u STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE SOURCE views (u STRING, vts TIMESTAMP, WATERMARK FOR vts AS vts);
CREATE QUERY q AS
  SELECT window.start AS ws, count(*) AS n
  FROM clicks c JOIN views v ON c.u = v.u
  WHERE v.vts BETWEEN c.ts AND c.ts + INTERVAL '5' SECOND
  GROUP BY window(c.ts, '10 seconds');
INSERT INTO clicks VALUES ('a', '2024-01-01 00:00:01'), ('b', '2024-01-01 00:00:03');
INSERT INTO views VALUES ('a', '2024-01-01 00:00:02'), ('b', '2024-01-01 00:00:09');
TRIGGER;
INSERT INTO clicks VALUES ('a', '2024-01-01 00:00:12');
INSERT INTO views VALUES ('a', '2024-01-01 00:00:14'), ('b', '2024-01-01 00:00:04');
TRIGGER;
INSERT INTO clicks VALUES ('c', '2024-01-01 00:00:30');
INSERT INTO views VALUES ('c', '2024-01-01 00:00:31');
TRIGGER;
SELECT * FROM q ORDER BY ws;
