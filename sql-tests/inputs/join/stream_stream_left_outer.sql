-- Pins LEFT JOIN of two streams (watermarks 5 s on both sources, range c.cts BETWEEN i.its AND i.its + 10 s): an impression that never matched is emitted once with NULL for the click's columns, in the batch whose watermark first reaches its + 10 s (inclusive), here always the no-data batch after the data batch that advanced it; a matched impression is evicted silently; a NULL-key impression is kept and padded; clicks are never padded; a late click neither matches nor saves an impression from padding; a TRIGGER with no input runs nothing.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q AS
  SELECT i.ad, i.its, c.cts
  FROM imp i LEFT JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none: imp 1 :00 matches clk 1 :05; clk 4 :03 has no impression (a left join never pads clicks).
-- Candidates imp :15, clk :00: watermark 10:00:00. No-data batch 1 evicts impressions with its + 10 s <= :00: none.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:00'), (2, '2024-05-01 10:00:02'), (NULL, '2024-05-01 10:00:04'), (5, '2024-05-01 10:00:08'), (3, '2024-05-01 10:00:20');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:05'), (4, '2024-05-01 10:00:03');
TRIGGER;
-- batch 2, watermark 10:00:00: clk 9 :17 matches nothing; candidates imp :15, clk :12: watermark 10:00:12.
-- No-data batch 3 (watermark 10:00:12): imp 2 :02 is done (:02 + 10 s <= :12, the boundary) and never matched: padded; imp 1 :00 matched: evicted silently.
INSERT INTO clk VALUES (9, '2024-05-01 10:00:17');
TRIGGER;
-- batch 4, watermark 10:00:12: clk 5 :11 is late (<= :12) and dropped, though it would have matched imp 5 :08; clk 3 :25 matches imp 3 :20.
-- Candidates imp :15, clk :20: watermark 10:00:15. No-data batch 5 pads the NULL-key impression :04 (:14 <= :15); imp 5 :08 waits (:18 > :15).
INSERT INTO clk VALUES (5, '2024-05-01 10:00:11'), (3, '2024-05-01 10:00:25');
INSERT INTO imp VALUES (6, '2024-05-01 10:00:13');
TRIGGER;
-- batch 6, watermark 10:00:15: candidates imp :25, clk :20: watermark 10:00:20. No-data batch 7 pads imp 5 :08 (the late click did not count); imp 6 :13 waits (:23 > :20).
INSERT INTO imp VALUES (7, '2024-05-01 10:00:30');
TRIGGER;
TRIGGER;
-- batch 8, watermark 10:00:20: imp 8 :45 matches clk 8 :50. Candidates imp :40, clk :45: watermark 10:00:40.
-- No-data batch 9 pads imp 6 :13 and imp 7 :30 (:40 <= :40); imp 3 :20 matched in batch 4: silent; imp 8 :45 is kept.
INSERT INTO imp VALUES (8, '2024-05-01 10:00:45');
INSERT INTO clk VALUES (8, '2024-05-01 10:00:50');
TRIGGER;
SELECT * FROM q;
