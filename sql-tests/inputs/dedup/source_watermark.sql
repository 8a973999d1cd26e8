-- Pins SELECT DISTINCT over a source that declares its watermark (WATERMARK FOR ts AS ts - INTERVAL '10' SECOND), with no WATERMARK clause and the event-time column not selected first: late rows are dropped (a row exactly at the watermark too), evicted keys are never emitted again, no-data batches run after the watermark advances.
CREATE SOURCE clicks (user_id BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND);
CREATE QUERY q AS SELECT DISTINCT ts, user_id FROM clicks;
INSERT INTO clicks VALUES (1, '2024-05-01 12:00:00'), (2, '2024-05-01 12:00:08'), (1, '2024-05-01 12:00:00');
TRIGGER;
-- watermark 11:59:58: (11:59:58, 3) is late, (11:59:59, 3) is not; (12:00:00, 1) is still in state
INSERT INTO clicks VALUES (1, '2024-05-01 12:00:00'), (3, '2024-05-01 11:59:58'), (3, '2024-05-01 11:59:59'), (2, '2024-05-01 12:00:30');
TRIGGER;
-- watermark 12:00:20 evicted every key but (12:00:30, 2): the repeat of (12:00:00, 1) is late; max stays 12:00:30, so no no-data batch
INSERT INTO clicks VALUES (1, '2024-05-01 12:00:00'), (2, '2024-05-01 12:00:21'), (2, '2024-05-01 12:00:30');
TRIGGER;
SELECT * FROM q ORDER BY ts;
