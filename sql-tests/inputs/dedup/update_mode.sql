-- Pins EMIT UPDATE on SELECT DISTINCT: it emits exactly the rows EMIT APPEND emits (each new key once, never again), without and with a watermark; with one, both modes drop late rows and run the same no-data batches; the UPDATE result table holds every emitted key.
CREATE SOURCE clicks (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE QUERY a_pages AS SELECT DISTINCT user_id, page FROM clicks EMIT APPEND;
CREATE QUERY b_pages AS SELECT DISTINCT user_id, page FROM clicks EMIT UPDATE;
CREATE QUERY c_times AS
  SELECT DISTINCT user_id, ts
  FROM clicks
  WATERMARK ts 5 seconds
  EMIT APPEND;
CREATE QUERY d_times AS
  SELECT DISTINCT user_id, ts
  FROM clicks
  WATERMARK ts 5 seconds
  EMIT UPDATE;
SHOW QUERIES;
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 09:00:00'), (1, 'home', '2024-05-01 09:00:00'), (2, 'cart', '2024-05-01 09:00:04'), (1, 'home', '2024-05-01 09:00:10');
TRIGGER;
-- watermark 09:00:05: (2, 09:00:05) is late; (1, 09:00:10) is still in state; max stays 09:00:10, so no no-data batch
INSERT INTO clicks VALUES (2, 'cart', '2024-05-01 09:00:05'), (1, 'home', '2024-05-01 09:00:10'), (3, 'home', '2024-05-01 09:00:06'), (2, 'home', '2024-05-01 09:00:08');
TRIGGER;
-- no new (user_id, page); (1, 09:00:06) is a new key and not late; the new max 09:00:20 moves the watermark to 09:00:15
INSERT INTO clicks VALUES (3, 'home', '2024-05-01 09:00:20'), (1, 'home', '2024-05-01 09:00:06');
TRIGGER;
SELECT * FROM b_pages;
SELECT * FROM d_times;
