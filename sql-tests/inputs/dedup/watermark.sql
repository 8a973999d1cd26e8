-- Pins SELECT DISTINCT with a WATERMARK clause on a selected event-time column (default APPEND): a row whose event time is <= the watermark in effect is late and dropped even when its key is new (a row exactly at the watermark is late); keys are evicted once the watermark reaches their event time, so a repeat of an evicted key is late; a repeat of a key still in state is suppressed; a no-data batch, emitting nothing, runs only after a data batch that advanced the watermark.
CREATE SOURCE clicks (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE QUERY q AS
  SELECT DISTINCT user_id, ts
  FROM clicks
  WATERMARK ts 10 seconds;
-- page is not selected: (1, 10:00:00) comes twice and is emitted once
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (1, 'cart', '2024-05-01 10:00:00'), (2, 'home', '2024-05-01 10:00:05'), (1, 'home', '2024-05-01 10:00:20');
TRIGGER;
-- watermark 10:00:10 evicted (1, 10:00:00) and (2, 10:00:05): their repeats are late; (3, 10:00:10) is late although user 3 is new; (1, 10:00:20) is still in state
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (3, 'home', '2024-05-01 10:00:10'), (3, 'cart', '2024-05-01 10:00:11'), (1, 'cart', '2024-05-01 10:00:20'), (4, 'home', '2024-05-01 10:00:25'), (2, 'home', '2024-05-01 10:00:05');
TRIGGER;
-- watermark 10:00:15 evicted (3, 10:00:11): its repeat is late; max stays 10:00:25, so no no-data batch
INSERT INTO clicks VALUES (5, 'home', '2024-05-01 10:00:16'), (1, 'home', '2024-05-01 10:00:20'), (3, 'home', '2024-05-01 10:00:11'), (5, 'cart', '2024-05-01 10:00:16');
TRIGGER;
-- the new max 10:00:30 moves the watermark to 10:00:20, which evicts (1, 10:00:20) and (5, 10:00:16)
INSERT INTO clicks VALUES (6, 'home', '2024-05-01 10:00:30');
TRIGGER;
-- (1, 10:00:20) is exactly at the watermark: late; (1, 10:00:21) is new; (4, 10:00:25) is still in state
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:20'), (1, 'home', '2024-05-01 10:00:21'), (4, 'home', '2024-05-01 10:00:25');
TRIGGER;
SELECT * FROM q;
