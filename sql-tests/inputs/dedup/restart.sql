-- Pins RESTART of SELECT DISTINCT queries: the dedup state survives (a key seen before the restart is never emitted again), so do the watermark, the max event time and the result table; batch ids continue; input inserted before a restart is read after it.
CREATE SOURCE clicks (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE QUERY pairs AS SELECT DISTINCT user_id, page FROM clicks;
CREATE QUERY timed AS
  SELECT DISTINCT user_id, ts
  FROM clicks
  WATERMARK ts 10 seconds;
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (2, 'cart', '2024-05-01 10:00:05'), (1, 'home', '2024-05-01 10:00:20');
TRIGGER;
RESTART pairs;
RESTART timed;
-- pairs still knows (1, home) and (2, cart); timed kept watermark 10:00:10 and key (1, 10:00:20); (2, 10:00:10) is late; max stays 10:00:20
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:20'), (2, 'cart', '2024-05-01 10:00:10'), (3, 'home', '2024-05-01 10:00:15');
TRIGGER;
RESTART pairs;
RESTART timed;
TRIGGER;
INSERT INTO clicks VALUES (3, 'home', '2024-05-01 10:00:31'), (1, 'home', '2024-05-01 10:00:00'), (4, 'cart', '2024-05-01 10:00:30'), (4, 'cart', '2024-05-01 10:00:30');
TRIGGER;
-- read after the restart: the restored watermark 10:00:21 makes (1, 10:00:20) late
INSERT INTO clicks VALUES (1, 'x', '2024-05-01 10:00:20'), (5, 'x', '2024-05-01 10:00:22');
RESTART timed;
TRIGGER;
RESTART pairs;
RESTART timed;
-- every key is still in state: nothing is emitted
INSERT INTO clicks VALUES (4, 'cart', '2024-05-01 10:00:30'), (5, 'x', '2024-05-01 10:00:22');
TRIGGER;
SELECT * FROM pairs;
SELECT * FROM timed ORDER BY ts;
