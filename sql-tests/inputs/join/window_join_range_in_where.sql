-- Nexmark q7 as Nexmark writes it: the time range in WHERE, not ON. Over an inner join WHERE and ON mean the same, so
-- the optimizer moves the range into the join, where it bounds the join's state (EXPLAIN shows the bids go once their
-- ts <= watermark - 10 s). Watermark 0 s.
-- batch 0 reads :01 (10), :02 (30), :06 (20), :12 (30); watermark :12; no-data batch 1 closes [:00, :10): max 30, the
-- bid (2, 30, :02); (3, 30, :12) has the price but lies in [:10, :20). batch 2 reads :13 (50) and :40; watermark :40;
-- no-data batch 3 closes [:10, :20): max 50, the bid (3, 50, :13).
CREATE SOURCE bid (auction BIGINT, price BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts);
CREATE QUERY q7 AS
  SELECT b.auction, b.price, b.ts
  FROM bid b JOIN (SELECT max(price) AS maxprice, window.end AS we FROM bid GROUP BY window(ts, '10 seconds')) m
  ON b.price = m.maxprice
  WHERE b.ts >= m.we - INTERVAL '10' SECOND AND b.ts < m.we;
INSERT INTO bid VALUES (1, 10, '2024-01-01 00:00:01'), (2, 30, '2024-01-01 00:00:02'), (1, 20, '2024-01-01 00:00:06'), (3, 30, '2024-01-01 00:00:12');
TRIGGER;
INSERT INTO bid VALUES (3, 50, '2024-01-01 00:00:13'), (1, 5, '2024-01-01 00:00:40');
TRIGGER;
SELECT * FROM q7;
EXPLAIN SELECT b.auction, b.price, b.ts
  FROM bid b JOIN (SELECT max(price) AS maxprice, window.end AS we FROM bid GROUP BY window(ts, '10 seconds')) m
  ON b.price = m.maxprice
  WHERE b.ts >= m.we - INTERVAL '10' SECOND AND b.ts < m.we;
