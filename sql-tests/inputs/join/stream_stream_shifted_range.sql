-- Pins a RIGHT JOIN of two streams whose range excludes equal times (c.cts BETWEEN i.its + 5 s AND i.its + 10 s, watermarks 5 s on both sources): with lower = -10 s <= i.its - c.cts <= upper = -5 s a click goes once cts <= watermark + 5 s and an impression once its + 10 s <= watermark; a click that is not late but already within 5 s of the watermark can only match buffered impressions, and is evicted at the end of the very data batch it arrived in, NULL-padded there if it matched nothing.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY r AS
  SELECT c.ad, i.its, c.cts
  FROM imp i RIGHT JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its + INTERVAL '5' SECOND AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none: clk 1 :16 matches imp 1 :10 (6 s). Candidates imp :07, clk :11: watermark 10:00:07.
-- No-data batch 1 evicts clicks with cts <= :12 (none: :14, :16) and impressions with its <= 09:59:57 (none).
INSERT INTO imp VALUES (1, '2024-05-01 10:00:10'), (2, '2024-05-01 10:00:12'), (4, '2024-05-01 10:00:03');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:16'), (3, '2024-05-01 10:00:14');
TRIGGER;
-- batch 2, watermark 10:00:07, nothing late. clk 2 :11 (1 s before imp 2 :12) and clk 1 :12 (2 s after imp 1 :10) match nothing, and cts <= :07 + 5 s:
-- they are padded in this same batch. clk 4 :09 matches imp 4 :03 (6 s), then goes silently. clk 2 :17 matches imp 2 :12 (5 s) and stays.
-- Candidates imp :07, clk :12: the watermark stays 10:00:07, no no-data batch.
INSERT INTO clk VALUES (2, '2024-05-01 10:00:11'), (1, '2024-05-01 10:00:12'), (2, '2024-05-01 10:00:17'), (4, '2024-05-01 10:00:09');
TRIGGER;
-- batch 3, watermark 10:00:07: clk 5 :38 matches imp 5 :30 (8 s). Candidates imp :25, clk :33: watermark 10:00:25.
-- No-data batch 4 evicts clicks with cts <= :30: clk 3 :14 never matched (padded); clk 1 :16 and clk 2 :17 matched (silent).
INSERT INTO imp VALUES (5, '2024-05-01 10:00:30');
INSERT INTO clk VALUES (5, '2024-05-01 10:00:38');
TRIGGER;
SELECT * FROM r;
