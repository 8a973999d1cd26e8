-- Pins FULL JOIN of two streams with different delays (imp 5 s, clk 10 s) and the range written as comparisons (i.its >= c.cts - 10 s AND i.its <= c.cts): each side's never-matched rows (NULL keys too) are emitted once, padded with NULLs on the other side's columns, in the no-data batch whose watermark makes them unmatchable (impressions at its + 10 s <= watermark, clicks at cts <= watermark, both inclusive); matched rows go silently; the query watermark is the minimum of the two candidates, so a lagging input holds eviction back; a late click is dropped and does not save the impression it would have matched.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '10' SECOND);
CREATE QUERY f AS
  SELECT i.ad AS iad, c.ad AS cad, i.its, c.cts
  FROM imp i FULL JOIN clk c ON i.ad = c.ad AND i.its >= c.cts - INTERVAL '10' SECOND AND i.its <= c.cts;
-- batch 0, watermark none: imp 1 :10 matches clk 1 :19 (9 s); the NULL keys match nothing.
-- Candidates imp :13 - 5 s = :08, clk :19 - 10 s = :09: watermark 10:00:08. No-data batch 1 evicts nothing.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:10'), (2, '2024-05-01 10:00:11'), (NULL, '2024-05-01 10:00:13');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:19'), (3, '2024-05-01 10:00:12'), (NULL, '2024-05-01 10:00:14');
TRIGGER;
-- batch 2, watermark 10:00:08: no match. Candidates imp :20, clk :20: watermark 10:00:20.
-- No-data batch 3: clicks with cts <= :20 go: clk 3 :12 and the NULL-key click :14 are padded, clk 1 :19 matched (silent);
-- impressions with its + 10 s <= :20 go: imp 1 :10 (matched, silent). imp 2 :11 (:21) and the NULL-key impression :13 wait.
INSERT INTO clk VALUES (9, '2024-05-01 10:00:30');
INSERT INTO imp VALUES (4, '2024-05-01 10:00:25');
TRIGGER;
-- batch 4, watermark 10:00:20: imp 9 :22 matches the buffered clk 9 :30; clk 2 :20 is late (<= :20), so it does not match imp 2 :11.
-- Candidates imp :35, clk :20 (its max is still :30): the watermark stays 10:00:20, no no-data batch.
INSERT INTO imp VALUES (9, '2024-05-01 10:00:22'), (5, '2024-05-01 10:00:40');
INSERT INTO clk VALUES (2, '2024-05-01 10:00:20');
TRIGGER;
-- batch 5, watermark 10:00:20: clk 5 :45 matches imp 5 :40. Candidates imp :35, clk :35: watermark 10:00:35.
-- No-data batch 6 pads imp 2 :11, the NULL-key impression :13 and imp 4 :25 (:35 <= :35); imp 9 :22 and clk 9 :30 matched: silent.
INSERT INTO clk VALUES (5, '2024-05-01 10:00:45');
TRIGGER;
SELECT * FROM f;
