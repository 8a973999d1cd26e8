-- Pins LEFT JOINs of two streams beyond the basic shape (watermarks 5 s on both sources): with the click stream written first (FROM clk c LEFT JOIN imp i) the clicks are the preserved side and the range flips (0 <= c.cts - i.its <= 10 s), so an unmatched click is padded once cts <= watermark; with an extra condition in ON (c.ad > 1) a pair in range that fails it is no match, and the impression is padded when evicted.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY s AS
  SELECT c.ad, c.cts, i.its
  FROM clk c LEFT JOIN imp i ON c.ad = i.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
CREATE QUERY res AS
  SELECT i.ad, i.its, c.cts
  FROM imp i LEFT JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND AND c.ad > 1;
-- batch 0, watermark none: clk 1 :15 / imp 1 :10 is in range (5 s): a pair for s, not for res (ad 1 fails c.ad > 1); clk 2 :31 is 11 s after imp 2 :20: no pair.
-- Candidates imp :15, clk :26: watermark 10:00:15. No-data batch 1: s pads clk 3 :13 (cts <= :15), clk 1 :15 matched (silent); res evicts no impression (its + 10 s <= :15: none).
INSERT INTO imp VALUES (1, '2024-05-01 10:00:10'), (2, '2024-05-01 10:00:20');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:15'), (3, '2024-05-01 10:00:13'), (2, '2024-05-01 10:00:31');
TRIGGER;
-- batch 2, watermark 10:00:15: candidates imp :35, clk :26: watermark 10:00:26. No-data batch 3: s keeps clk 2 :31 (> :26) and drops imp 1 :10 silently (impressions are not preserved in s);
-- res pads imp 1 :10 (:20 <= :26), its only click in range failed the extra condition; imp 2 :20 waits (:30 > :26).
INSERT INTO imp VALUES (9, '2024-05-01 10:00:40');
TRIGGER;
-- batch 4, watermark 10:00:26: clk 9 :45 and imp 9 :40 pair in both queries. Candidates imp :35, clk :40: watermark 10:00:35.
-- No-data batch 5: s pads clk 2 :31; res pads imp 2 :20.
INSERT INTO clk VALUES (9, '2024-05-01 10:00:45');
TRIGGER;
SELECT * FROM s;
SELECT * FROM res;
