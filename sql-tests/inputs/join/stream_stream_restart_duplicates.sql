-- Pins that a FULL JOIN of two streams restores identical buffered rows and NULL-key rows as distinct rows across RESTART (watermarks 5 s, range c.cts BETWEEN i.its AND i.its + 10 s): each copy of a duplicated row matches a later partner separately, and NULL-key rows of both sides, kept across two restarts, are padded once when the watermark passes them and not again after a further restart.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q AS
  SELECT i.ad AS iad, c.ad AS cad, i.its, c.cts
  FROM imp i FULL JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none: no pair (the NULL keys do not match each other). Candidates imp :05, clk :06: watermark 10:00:05; no-data batch 1 evicts nothing.
INSERT INTO imp VALUES (NULL, '2024-05-01 10:00:10'), (1, '2024-05-01 10:00:10'), (1, '2024-05-01 10:00:10');
INSERT INTO clk VALUES (NULL, '2024-05-01 10:00:11'), (2, '2024-05-01 10:00:11'), (2, '2024-05-01 10:00:11');
TRIGGER;
RESTART q;
-- batch 2, watermark 10:00:05: clk 1 :12 matches both copies of imp 1 :10; imp 2 :06 (not late: > :05) matches both copies of clk 2 :11.
-- Candidates imp :05, clk :07: the watermark stays 10:00:05, no no-data batch.
INSERT INTO clk VALUES (1, '2024-05-01 10:00:12');
INSERT INTO imp VALUES (2, '2024-05-01 10:00:06');
TRIGGER;
RESTART q;
-- batch 3, watermark 10:00:05: 7 :40 pairs with 7 :40. Candidates :35 and :35: watermark 10:00:35.
-- No-data batch 4 evicts every earlier row: the NULL-key impression :10 and click :11 are padded, the matched copies go silently.
INSERT INTO clk VALUES (7, '2024-05-01 10:00:40');
INSERT INTO imp VALUES (7, '2024-05-01 10:00:40');
TRIGGER;
RESTART q;
TRIGGER;
SELECT * FROM q;
