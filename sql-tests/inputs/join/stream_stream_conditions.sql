-- Pins the ways an inner join of two streams can write its event-time range in ON (watermarks of 1 minute, so nothing is late or evicted here): strict > and < exclude the ends, >= and <= include them, either operand order, INTERVAL shifts on either side or both, a range around zero or entirely below it; the match is the same whether the impression arrives first (key 1), the click arrives first (key 2), or both in one batch (key 3).
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '1' MINUTE);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '1' MINUTE);
-- cts - its in (0 s, 10 s)
CREATE QUERY q_strict AS
  SELECT i.ad, i.its, c.cts
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts > i.its AND c.cts < i.its + INTERVAL '10' SECOND;
-- cts - its in [0 s, 10 s], the click's key first and the shifted time on the left of >=
CREATE QUERY q_rev AS
  SELECT i.ad, i.its, c.cts
  FROM imp i JOIN clk c ON c.ad = i.ad AND i.its + INTERVAL '10' SECOND >= c.cts AND i.its <= c.cts;
-- cts - its in (0 s, 10 s]
CREATE QUERY q_mixed AS
  SELECT i.ad, i.its, c.cts
  FROM imp i JOIN clk c ON i.ad = c.ad AND i.its >= c.cts - INTERVAL '10' SECOND AND i.its < c.cts;
-- cts - its in [-5 s, 5 s]
CREATE QUERY q_sym AS
  SELECT i.ad, i.its, c.cts
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its - INTERVAL '5' SECOND AND i.its + INTERVAL '5' SECOND;
-- cts - its in (-5 s, 0 s): shifts on both sides
CREATE QUERY q_gt AS
  SELECT i.ad, i.its, c.cts
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts - INTERVAL '5' SECOND > i.its - INTERVAL '10' SECOND AND c.cts < i.its;
-- batch 0, watermark none: imp 1 :10 and the clicks of key 2 (cts - its = -6, -5, -1, 0, 5, 10, 11 s against the impression of batch 2): no pair yet.
-- Candidates imp 09:59:10, clk 09:59:21: watermark 09:59:10; the no-data batch 1 evicts nothing.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:10');
INSERT INTO clk VALUES (2, '2024-05-01 10:00:04'), (2, '2024-05-01 10:00:05'), (2, '2024-05-01 10:00:09'), (2, '2024-05-01 10:00:10'), (2, '2024-05-01 10:00:15'), (2, '2024-05-01 10:00:20'), (2, '2024-05-01 10:00:21');
TRIGGER;
-- batch 2, watermark 09:59:10: the same offsets for key 1 (click after the impression), imp 2 :10 (impression after the clicks), and key 3 in one batch (-5, 0, 10 s).
-- The candidates stay 09:59:10 and 09:59:21: no no-data batch.
INSERT INTO clk VALUES (1, '2024-05-01 10:00:04'), (1, '2024-05-01 10:00:05'), (1, '2024-05-01 10:00:09'), (1, '2024-05-01 10:00:10'), (1, '2024-05-01 10:00:15'), (1, '2024-05-01 10:00:20'), (1, '2024-05-01 10:00:21');
INSERT INTO imp VALUES (2, '2024-05-01 10:00:10'), (3, '2024-05-01 10:00:10');
INSERT INTO clk VALUES (3, '2024-05-01 10:00:05'), (3, '2024-05-01 10:00:10'), (3, '2024-05-01 10:00:20');
TRIGGER;
