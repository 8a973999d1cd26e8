-- Joins whose inputs are windowed aggregations (Nexmark q5's and q7's shapes), and a UNION ALL of two aggregations:
-- several stateful operators in separate branches of one query, APPEND by default. An aggregation emits a window
-- once the watermark passes its end, so both sides of `ab.we = mb.we` arrive in the same batch; the join judges
-- lateness by the previous batch's watermark, so nothing an aggregation emits is dropped. Watermark 0 s on bid.
CREATE SOURCE bid (auction BIGINT, price BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
-- q7: the bids whose price is their 10 s window's highest (a bid in [we - 10 s, we) with price = the window's max).
CREATE QUERY q7 AS
  SELECT b.auction, b.price, b.ts
  FROM bid b JOIN (SELECT max(price) AS maxprice, window.end AS we FROM bid GROUP BY window(ts, '10 seconds')) m
  ON b.price = m.maxprice AND b.ts >= m.we - INTERVAL '10' SECOND AND b.ts < m.we;
-- q5: per sliding window (10 s every 5 s) the auctions with the most bids: counts per auction joined with the
-- maximum of those counts (an aggregation over an aggregation, grouped by the inner window's start and end).
CREATE QUERY q5 AS
  SELECT ab.auction, ab.num, ab.ws
  FROM (SELECT auction, count(*) AS num, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '10 seconds', '5 seconds'), auction) ab
  JOIN (SELECT max(num) AS maxn, ws, we
        FROM (SELECT auction, count(*) AS num, window.start AS ws, window.end AS we FROM bid GROUP BY window(ts, '10 seconds', '5 seconds'), auction)
        GROUP BY ws, we) mb
  ON ab.we = mb.we AND ab.ws = mb.ws AND ab.num >= mb.maxn;
-- Two aggregations of one stream, one result.
CREATE QUERY u AS
  SELECT ws, n FROM (SELECT window.start AS ws, count(*) AS n FROM bid GROUP BY window(ts, '10 seconds')
  UNION ALL SELECT window.start AS ws, sum(price) AS n FROM bid GROUP BY window(ts, '10 seconds'));
-- batch 0, watermark none. Watermark :08; no-data batch 1 closes the sliding window [-:05, :05): auctions 1 (:01)
-- and 2 (:02) have 1 bid each, the maximum: q5 emits both.
INSERT INTO bid VALUES (1, 10, '2024-01-01 00:00:01'), (2, 30, '2024-01-01 00:00:02'), (1, 20, '2024-01-01 00:00:06'),
  (2, 5, '2024-01-01 00:00:07'), (1, 7, '2024-01-01 00:00:08');
TRIGGER;
SELECT * FROM q5;
-- The aggregations' open windows, q7's buffered bids and the watermark survive a restart.
RESTART q7;
RESTART q5;
RESTART u;
-- batch 2, watermark :08. Watermark :14; no-data batch 3 closes [:00, :10): q7's maximum 30 is bid (2, 30, :02);
-- q5's counts are auction 1: 3 (:01, :06, :08), auction 2: 2, so auction 1; u gets count 5 and sum 72. It also
-- closes the sliding [:00, :10) only; [:05, :15) ends at :15.
INSERT INTO bid VALUES (3, 50, '2024-01-01 00:00:12'), (1, 5, '2024-01-01 00:00:13'), (3, 1, '2024-01-01 00:00:14');
TRIGGER;
SELECT * FROM q7;
SELECT * FROM u;
-- batch 4, watermark :14. Watermark :40; no-data batch 5 closes [:10, :20): q7's maximum 50 is (3, 50, :12); u gets 3
-- and 56. Sliding [:05, :15): auction 1 has 3 (:06, :08, :13), 2 has 1, 3 has 2: auction 1; [:10, :20): auction 3
-- (2) over 1 (1); [:15, :25) to [:30, :40) hold no bids; [:35, :45) holds :40 but is still open.
INSERT INTO bid VALUES (2, 1, '2024-01-01 00:00:40');
TRIGGER;
SELECT * FROM q7;
SELECT * FROM q5;
SELECT * FROM u;
