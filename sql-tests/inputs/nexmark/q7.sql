-- Nexmark q7 (highest bid): the bids whose price is the highest of their tumbling window, every bid joined to its
-- window's maximum (b.date_time in [endtime - size, endtime), b.price = maxprice), in APPEND mode, over the
-- generator's bids, 30,000 events, seed 1 (27,600 bids, 100 us apart). The benchmark's SQL (bench/queries.ts) with
-- every duration divided by 100: windows of 100 ms (Nexmark: 10 s), watermark delay 40 ms. rows_per_batch = 2000
-- makes 14 data batches and a final no-data batch; the join keeps the bids until their window's maximum arrives, in
-- the batch that closes the window. 29 windows close (29 rows); 1 rows of open windows are left out. Expected output:
-- what APPEND emits once all input is processed. Each window's rows appear in the first batch whose watermark (the
-- previous batches' max event time - 40 ms; with two inputs the smaller of theirs) is >= the window's end, and the
-- final no-data batch runs with the final watermark; the windows it leaves open are never emitted, so their rows are
-- left out of the expected output. Computed by bench/nexmark-goldens.ts with DuckDB over the same generated rows
-- (windows assigned in SQL, a batch join), not by the engine.
CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP, extra STRING)
  WITH (connector = 'nexmark', table = 'bid', events = 30000, seed = 1, rows_per_batch = 2000);
CREATE QUERY q7 AS
  SELECT b.auction, b.price, b.bidder, b.date_time, b.extra
  FROM bid b
  JOIN (SELECT max(price) AS maxprice, window.end AS endtime
        FROM bid GROUP BY window(date_time, '100 milliseconds') WATERMARK date_time 40 milliseconds) m
  ON b.price = m.maxprice AND b.date_time >= m.endtime - INTERVAL '100' MILLISECOND AND b.date_time < m.endtime
  WATERMARK b.date_time 40 milliseconds;
TRIGGER;
SELECT * FROM q7;
