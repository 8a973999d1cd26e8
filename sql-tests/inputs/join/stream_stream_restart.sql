-- Pins RESTART of a FULL JOIN of two streams (watermarks 5 s on both sources, range c.cts BETWEEN i.its AND i.its + 10 s): both sides' buffered rows, their matched flags, the watermark, batch ids and the result table survive; a row buffered before a restart matches one arriving after it; a row late by the restored watermark is dropped; rows matched before or between restarts are evicted silently and never-matched ones are NULL-padded exactly once, never again after a later restart; input inserted before a restart is read after it.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q AS
  SELECT i.ad AS iad, c.ad AS cad, i.its, c.cts
  FROM imp i FULL OUTER JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- batch 0, watermark none: imp 1 :10 matches clk 1 :15. Candidates imp :09, clk :11: watermark 10:00:09; no-data batch 1 evicts nothing.
INSERT INTO imp VALUES (1, '2024-05-01 10:00:10'), (2, '2024-05-01 10:00:12'), (3, '2024-05-01 10:00:14');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:15'), (4, '2024-05-01 10:00:16');
TRIGGER;
RESTART q;
-- batch 2, watermark 10:00:09 (restored): clk 2 :20 matches imp 2 :12, buffered before the restart; imp 4 :09 is late (= watermark), so clk 4 :16 stays unmatched.
-- Candidates imp :09, clk :15: the watermark stays 10:00:09, no no-data batch.
INSERT INTO clk VALUES (2, '2024-05-01 10:00:20');
INSERT INTO imp VALUES (4, '2024-05-01 10:00:09');
TRIGGER;
RESTART q;
TRIGGER;
-- batch 3, watermark 10:00:09: imp 5 :30 matches clk 5 :31. Candidates imp :25, clk :26: watermark 10:00:25.
-- No-data batch 4: impressions with its + 10 s <= :25 and clicks with cts <= :25 go. imp 1 :10 and clk 1 :15 (matched before the first restart) and
-- imp 2 :12 and clk 2 :20 (matched between the restarts) are silent; imp 3 :14 and clk 4 :16, never matched, are padded.
INSERT INTO imp VALUES (5, '2024-05-01 10:00:30');
INSERT INTO clk VALUES (5, '2024-05-01 10:00:31');
TRIGGER;
RESTART q;
TRIGGER;
-- read after the restart: batch 5 (watermark 10:00:25) matches imp 6 :40 with clk 6 :45; candidates imp :35, clk :40: watermark 10:00:35;
-- no-data batch 6 evicts clk 5 :31 (matched, silent); imp 5 :30 waits (:40 > :35).
INSERT INTO imp VALUES (6, '2024-05-01 10:00:40');
INSERT INTO clk VALUES (6, '2024-05-01 10:00:45');
RESTART q;
TRIGGER;
SELECT * FROM q;
