-- Pins a tumbling-window UPDATE aggregation over a stream-table LEFT JOIN with a query-level WATERMARK on the qualified stream column (WATERMARK c.ts 5 seconds): unmatched clicks count under a NULL name (count of a table column skips them); each batch emits the (window, name) rows that changed; late rows change nothing; no-data batches run after the watermark advances and emit nothing in UPDATE mode; the result table keeps the latest row per key.
CREATE SOURCE clicks (user_id INT, ts TIMESTAMP);
CREATE TABLE users (id INT, name STRING);
INSERT INTO users VALUES (1, 'ada'), (2, 'alan');
CREATE QUERY q AS
  SELECT window.start AS ws, u.name, count(*) AS n, count(u.id) AS known
  FROM clicks c LEFT JOIN users u ON c.user_id = u.id
  GROUP BY window(c.ts, '10 seconds'), u.name
  WATERMARK c.ts 5 seconds
  EMIT UPDATE;
INSERT INTO clicks VALUES (1, '2024-05-01 10:00:01'), (9, '2024-05-01 10:00:03'), (NULL, '2024-05-01 10:00:04'), (2, '2024-05-01 10:00:06');
TRIGGER;
INSERT INTO clicks VALUES (1, '2024-05-01 10:00:08'), (9, '2024-05-01 10:00:17');
TRIGGER;
-- watermark 10:00:12: 10:00:09 is late (window end 10:00:10); 10:00:12 is not (window end 10:00:20)
INSERT INTO clicks VALUES (2, '2024-05-01 10:00:09'), (2, '2024-05-01 10:00:12'), (NULL, '2024-05-01 10:00:19');
TRIGGER;
SELECT * FROM q;
