-- Pins an INNER JOIN of two streams with watermarks on both sources (5 s each) and the range c.cts BETWEEN i.its AND i.its + 10 s: pairs match within one batch and across batches (whichever side arrives second emits the pair, in its batch), both ends of the range are inclusive and one second outside is not; each pair is emitted exactly once, one row per pair (a row can match several, duplicates match twice); NULL keys never match (not even each other); the watermark is the minimum of both inputs' candidates, a no-data batch follows each data batch that advanced it, and evicting rows that can no longer match loses no pair.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q AS
  SELECT i.ad, i.its, c.cts
  FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none. Pairs within the batch: ad 1 :00 with :10 (upper end, its + 10 s) and with :00 (lower end, cts = its).
-- ad 2: click :04 is a second before the impression :05: no match. The NULL keys (imp :02, clk :03) match nothing.
-- Candidates imp :05 - 5 s = :00, clk :10 - 5 s = :05: watermark min = 10:00:00, so a no-data batch 1 runs; it evicts the click :00 (cts <= :00), silently.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:00'), (2, '2024-05-01 10:00:05'), (NULL, '2024-05-01 10:00:02');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:10'), (2, '2024-05-01 10:00:04'), (NULL, '2024-05-01 10:00:03'), (1, '2024-05-01 10:00:00');
TRIGGER;
-- batch 2, watermark 10:00:00 (nothing is late). New rows match buffered rows and each other:
-- imp 1 :03 with buffered clk 1 :10 (7 s) and new clk 1 :08 (5 s); new clk 1 :08 with buffered imp 1 :00 (8 s) (imp 1 :03 / clk 1 :08 is emitted once);
-- clk 2 :15 with buffered imp 2 :05 (exactly 10 s); clk 2 :16 is 11 s after it: no match; imp 3 :20 with clk 3 :20 (0 s).
-- Candidates imp :15, clk :15: watermark 10:00:15; no-data batch 3 evicts impressions with its + 10 s <= :15 and clicks with cts <= :15 (no output: inner join).
INSERT INTO imp VALUES (1, '2024-05-01 10:00:03'), (3, '2024-05-01 10:00:20');
INSERT INTO clk VALUES (2, '2024-05-01 10:00:15'), (2, '2024-05-01 10:00:16'), (1, '2024-05-01 10:00:08'), (3, '2024-05-01 10:00:20');
TRIGGER;
-- batch 4, watermark 10:00:15: imp 2 :16 matches the kept clk 2 :16 (0 s); the two identical clicks 3 :30 each match imp 3 :20 (10 s).
-- Candidates imp :15 (max stays :20), clk :25: the watermark stays 10:00:15, so no no-data batch.
INSERT INTO imp VALUES (2, '2024-05-01 10:00:16');
INSERT INTO clk VALUES (3, '2024-05-01 10:00:30'), (3, '2024-05-01 10:00:30');
TRIGGER;
TRIGGER;
SELECT * FROM q;
