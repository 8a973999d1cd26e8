-- Pins aggregates over session windows (COMPLETE): count(*), count(x), sum, avg, min, max, count(DISTINCT x) and approx_count_distinct combine correctly when sessions merge across batches (a value seen in both merged sessions counts once as distinct; a session whose values were all NULL merges with values).
CREATE SOURCE orders (user_id STRING, item STRING, qty INT, ts TIMESTAMP);
CREATE QUERY sessions AS
  SELECT user_id, window.start AS ws, window.end AS we, count(*) AS n, count(item) AS n_item, sum(qty) AS total, avg(qty) AS mean, min(qty) AS lo, max(qty) AS hi, max(ts) AS last_ts, count(DISTINCT item) AS items, approx_count_distinct(item) AS approx_items
  FROM orders
  GROUP BY session_window(ts, '10 minutes'), user_id
  EMIT COMPLETE;
-- u: [08:00, 08:15) of pen and ink; [08:24, 08:34) with a NULL item. v: one row with a NULL qty.
INSERT INTO orders VALUES ('u', 'pen', 1, '2024-05-01 08:00:00'), ('u', 'ink', 2, '2024-05-01 08:05:00'), ('u', NULL, 4, '2024-05-01 08:24:00'), ('v', 'pen', NULL, '2024-05-01 08:00:00');
TRIGGER;
-- u: 07:58 extends [08:00, 08:15) backwards; 08:15 [08:15, 08:25) touches its end and overlaps [08:24, 08:34): one session [07:58, 08:34) with items pen, ink, cap.
-- u: 09:00 is a session of its own. v: 08:10 touches [08:00, 08:10): [08:00, 08:20).
INSERT INTO orders VALUES ('u', 'pen', NULL, '2024-05-01 08:15:00'), ('u', 'cap', 8, '2024-05-01 07:58:00'), ('u', 'ink', 3, '2024-05-01 09:00:00'), ('v', 'pen', 5, '2024-05-01 08:10:00');
TRIGGER;
