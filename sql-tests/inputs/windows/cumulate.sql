-- Pins cumulate(ts, step, size) (Flink's CUMULATE): windows [s, s+step), [s, s+2 step), ... [s, s+size) per size-long period; APPEND emits each when its end <= watermark, UPDATE emits every window a batch changed; size must be a multiple of step.
CREATE SOURCE s (v INT, ts TIMESTAMP);
CREATE QUERY c AS SELECT window.start, window.end, count(*) AS n, sum(v) AS t FROM s GROUP BY cumulate(ts, '2 seconds', '6 seconds') WATERMARK ts 1 second EMIT APPEND;
CREATE QUERY cu AS SELECT window.start, window.end, count(*) AS n FROM s GROUP BY cumulate(ts, '2 seconds', '6 seconds') EMIT UPDATE;
-- 00:00 is in [0,2) [0,4) [0,6); 00:03 in [0,4) [0,6); 00:05.999 in [0,6) only.
INSERT INTO s VALUES (1, '2024-01-01 00:00:00'), (2, '2024-01-01 00:00:03'), (4, '2024-01-01 00:00:05.999');
TRIGGER;
-- Watermark 00:04.999 closed [0,2) and [0,4); 00:12 closes [0,6) and the windows of 00:07 ([6,8) [6,10) [6,12)).
INSERT INTO s VALUES (8, '2024-01-01 00:00:07'), (16, '2024-01-01 00:00:13');
TRIGGER;
-- 00:11 belongs only to [6,12): late for APPEND (end 12 <= watermark 12); UPDATE has no watermark and counts it.
INSERT INTO s VALUES (32, '2024-01-01 00:00:11');
TRIGGER;
SELECT * FROM c;
SELECT window.start FROM s GROUP BY cumulate(ts, '2 seconds', '5 seconds');
SELECT window.start FROM s GROUP BY cumulate(ts, '2 seconds');
