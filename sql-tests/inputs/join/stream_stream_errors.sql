-- Pins the joins of two streams that are refused (UNSUPPORTED_STREAMING_OPERATION): EMIT UPDATE and EMIT COMPLETE, an aggregation or a DISTINCT over the join, no equality between the two streams (only a time range, or an equality within one side), an outer join without a time range, with a one-sided range, or with a time column that has no watermark; refused queries are not created and never run. An inner join with only the equality is allowed (no watermark needed): its state never shrinks, so rows match however far apart their times are.
CREATE SOURCE imp (ad BIGINT, its TIMESTAMP, WATERMARK FOR its AS its - INTERVAL '5' SECOND);
CREATE SOURCE clk (ad BIGINT, cts TIMESTAMP, WATERMARK FOR cts AS cts - INTERVAL '5' SECOND);
CREATE SOURCE raw (ad BIGINT, rts TIMESTAMP);
CREATE SOURCE a (k BIGINT, ts TIMESTAMP);
CREATE SOURCE b (k BIGINT, ts TIMESTAMP);
CREATE QUERY e_update AS
  SELECT i.ad, c.cts FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  EMIT UPDATE;
CREATE QUERY e_complete AS
  SELECT i.ad, c.cts FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  EMIT COMPLETE;
CREATE QUERY e_agg AS
  SELECT i.ad, count(*) AS n FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND
  GROUP BY i.ad;
CREATE QUERY e_distinct AS
  SELECT DISTINCT i.ad FROM imp i JOIN clk c ON i.ad = c.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- no equality between the streams
CREATE QUERY e_no_equi AS
  SELECT i.ad, c.cts FROM imp i JOIN clk c ON c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
CREATE QUERY e_one_side_equi AS
  SELECT i.ad, c.cts FROM imp i JOIN clk c ON i.ad = i.ad AND c.cts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- outer joins: no range, a one-sided range, a range over a time column without a watermark
CREATE QUERY e_left_no_range AS
  SELECT i.ad, c.cts FROM imp i LEFT JOIN clk c ON i.ad = c.ad;
CREATE QUERY e_right_one_sided AS
  SELECT i.ad, c.cts FROM imp i RIGHT JOIN clk c ON i.ad = c.ad AND c.cts >= i.its;
CREATE QUERY e_full_no_watermark AS
  SELECT i.ad, r.rts FROM imp i FULL JOIN raw r ON i.ad = r.ad AND r.rts BETWEEN i.its AND i.its + INTERVAL '10' SECOND;
-- allowed: an inner join on the equality alone, over sources without watermarks
CREATE QUERY ok AS
  SELECT a.k, a.ts AS ats, b.ts AS bts FROM a JOIN b ON a.k = b.k;
SHOW QUERIES;
INSERT INTO imp VALUES (1, '2024-05-01 10:00:00');
INSERT INTO clk VALUES (1, '2024-05-01 10:00:01');
INSERT INTO a VALUES (1, '2024-05-01 10:00:00'), (2, '2024-05-01 10:00:00');
INSERT INTO b VALUES (1, '2024-05-01 09:00:00');
TRIGGER;
-- a day apart and a day before still match; NULL keys match nothing
INSERT INTO b VALUES (2, '2024-05-02 10:00:00'), (1, '2024-04-30 10:00:00'), (NULL, '2024-05-01 11:00:00');
INSERT INTO a VALUES (NULL, '2024-05-01 11:00:00');
TRIGGER;
-- nothing was evicted: a later row of key 1 matches both buffered rows of b
INSERT INTO a VALUES (1, '2024-05-03 00:00:00');
TRIGGER;
SELECT * FROM ok;
