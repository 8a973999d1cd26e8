-- Pins late rows in joins of two streams (watermarks 5 s on both sources, range c.cts BETWEEN i.its AND i.its + 10 s), for an inner and a full join over the same input: a row of either side whose event time is <= the watermark in effect for its batch (equality included) is dropped, matches nothing (not even a buffered row it is in range of) and is never emitted, not even NULL-padded; a row with a NULL event time is not late but matches nothing: the inner join drops it, the full join emits it at once, padded; lateness is judged by the watermark in effect, not by the one the batch itself computes.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q_in AS
  SELECT i.ad AS iad, c.ad AS cad, i.its, c.cts
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
CREATE QUERY q_full AS
  SELECT i.ad AS iad, c.ad AS cad, i.its, c.cts
  FROM imp i FULL OUTER JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none: no pair. The rows with a NULL event time (ad 3 on both sides) match nothing: the full join
-- emits each at once, padded with NULLs.
-- Candidates imp :15, clk :15: watermark 10:00:15. No-data batch 1 evicts nothing (impressions need its <= :05, clicks cts <= :15).
INSERT INTO imp VALUES (1, '2024-05-01 10:00:08'), (3, NULL), (6, '2024-05-01 10:00:20');
INSERT INTO clk VALUES (2, '2024-05-01 10:00:17'), (3, NULL), (7, '2024-05-01 10:00:20');
TRIGGER;
-- batch 2, watermark 10:00:15: imp 2 :14 is late (would match the buffered clk 2 :17); clk 1 :15 is late (= watermark; would match the buffered imp 1 :08).
-- Not late: imp 2 :16 matches clk 2 :17; clk 1 :18 matches imp 1 :08 (10 s); imp 9 :38 matches clk 9 :40, and these two raise the
-- watermark to min(:33, :35) = 10:00:33, which does not make :16 or :18 late in this batch.
-- No-data batch 3 (watermark 10:00:33): the full join pads imp 6 :20 and clk 7 :20; the late rows are never emitted.
INSERT INTO imp VALUES (2, '2024-05-01 10:00:14'), (2, '2024-05-01 10:00:16'), (9, '2024-05-01 10:00:38');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:15'), (1, '2024-05-01 10:00:18'), (9, '2024-05-01 10:00:40');
TRIGGER;
-- batch 4, watermark 10:00:33: the NULL-key impression :30 and clk 10 :33 are late: dropped, never padded. imp 11 :50 matches clk 11 :55.
-- Candidates imp :45, clk :50: watermark 10:00:45. No-data batch 5 evicts clk 9 :40 (matched, silent); imp 9 :38 waits (:48 > :45).
INSERT INTO imp VALUES (NULL, '2024-05-01 10:00:30'), (11, '2024-05-01 10:00:50');
INSERT INTO clk VALUES (10, '2024-05-01 10:00:33'), (11, '2024-05-01 10:00:55');
TRIGGER;
SELECT * FROM q_in;
SELECT * FROM q_full;
