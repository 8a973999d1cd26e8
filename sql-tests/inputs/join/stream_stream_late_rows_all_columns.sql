-- late_rows on a stream–stream join keeps both sides' rows whole, even the columns the query does not select (the
-- optimizer keeps a join's input columns when the query has a late-row table). Watermark delays 5 s.
-- batch 0: imp 1 :10 matches clk 1 :12; watermark :05. batch 2: imp 2 :05 and clk 3 :04 are late (<= :05).
CREATE SOURCE imp (ad BIGINT, camp STRING, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cost BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE QUERY q WITH (late_rows = 'q_late') AS
  SELECT i.camp FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
INSERT INTO imp VALUES (1, 'x', '2024-01-01 00:00:10');
INSERT INTO clk VALUES (1, 7, '2024-01-01 00:00:12');
TRIGGER;
INSERT INTO imp VALUES (2, 'y', '2024-01-01 00:00:05');
INSERT INTO clk VALUES (3, 9, '2024-01-01 00:00:04');
TRIGGER;
SELECT * FROM q;
SELECT * FROM q_late;
