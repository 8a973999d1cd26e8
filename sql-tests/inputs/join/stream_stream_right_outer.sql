-- Pins RIGHT OUTER JOIN of two streams (watermarks 5 s on both sources, range c.cts BETWEEN i.its AND i.its + 10 s): a click that never matched is emitted once with NULL for the impression's columns in the batch whose watermark first reaches its cts (inclusive), the no-data batch after the advance; a NULL-key click is kept and padded then; matched clicks go silently; impressions are never padded; a late click is dropped and never padded.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY r AS
  SELECT c.ad, i.its, c.cts
  FROM imp i RIGHT OUTER JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none: clk 1 :04 matches imp 1 :00; clk 1 :30 is 30 s after it: kept, unmatched.
-- Candidates imp :05, clk :25: watermark 10:00:05. No-data batch 1 evicts clicks with cts <= :05: clk 3 :02 never matched (padded), clk 1 :04 did (silent); the NULL-key click :06 waits.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:00'), (2, '2024-05-01 10:00:10');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:04'), (1, '2024-05-01 10:00:30'), (3, '2024-05-01 10:00:02'), (NULL, '2024-05-01 10:00:06');
TRIGGER;
-- batch 2, watermark 10:00:05: imp 1 :22 matches the buffered clk 1 :30 (8 s); clk 2 :12 matches the buffered imp 2 :10; clk 4 :03 is late (<= :05): dropped, never padded; imp 7 :15 matches nothing.
-- Candidates imp :17, clk :25: watermark 10:00:17. No-data batch 3 pads the NULL-key click :06; clk 2 :12 matched: silent.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:22'), (7, '2024-05-01 10:00:15');
INSERT INTO clk VALUES (4, '2024-05-01 10:00:03'), (2, '2024-05-01 10:00:12');
TRIGGER;
-- batch 4, watermark 10:00:17: clk 5 :41 matches imp 5 :40. Candidates imp :35, clk :36: watermark 10:00:35.
-- No-data batch 5 pads clk 6 :35 (cts = watermark); clk 1 :30 matched in batch 2: silent; imp 7 :15 is evicted without output (its + 10 s <= :35).
INSERT INTO imp VALUES (5, '2024-05-01 10:00:40');
INSERT INTO clk VALUES (5, '2024-05-01 10:00:41'), (6, '2024-05-01 10:00:35');
TRIGGER;
SELECT * FROM r;
