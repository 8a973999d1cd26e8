-- late_rows on a stream–stream join: every row a side drops as late (event time <= watermark) goes to q_late as a
-- joined row with the other side's columns NULL, then `_batch`, `_watermark` and `_event_time` (its own time); a column
-- name both sides have becomes name_left / name_right. Watermark delays 5 s on both sources.
-- batch 0: imp 1 :10 matches clk 1 :12. Watermark min(:05, :07) = :05; no-data batch 1.
-- batch 2, watermark :05: imp 2 :05 and clk 3 :04 are late (at or below :05) and kept in q_late; imp 4 :20 matches
-- clk 4 :25. The late-row table survives a restart.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT i.ad, i.its, c.cts FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
INSERT INTO imp VALUES (1, '2024-01-01 00:00:10');
INSERT INTO clk VALUES (1, '2024-01-01 00:00:12');
TRIGGER;
INSERT INTO imp VALUES (2, '2024-01-01 00:00:05'), (4, '2024-01-01 00:00:20');
INSERT INTO clk VALUES (3, '2024-01-01 00:00:04'), (4, '2024-01-01 00:00:25');
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_late;
SELECT ad_right, cts, _event_time FROM q_late WHERE ad_right IS NOT NULL;
DESCRIBE q_late;
RESTART q;
SELECT * FROM q_late;
