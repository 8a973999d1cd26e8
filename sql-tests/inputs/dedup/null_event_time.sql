-- Pins SELECT DISTINCT with a watermark and NULL event times: a row whose event time is NULL is dropped (never emitted, not even as a new key) and does not move the watermark, so a batch of only such rows runs no no-data batch; a NULL in another selected column forms a key as usual.
CREATE SOURCE clicks (user_id BIGINT, ts TIMESTAMP);
CREATE QUERY q AS
  SELECT DISTINCT user_id, ts
  FROM clicks
  WATERMARK ts 1 minute;
INSERT INTO clicks VALUES (1, NULL), (1, NULL), (2, '2024-05-01 11:00:30'), (NULL, '2024-05-01 11:00:30'), (NULL, '2024-05-01 11:00:30');
TRIGGER;
INSERT INTO clicks VALUES (3, NULL), (NULL, NULL);
TRIGGER;
-- (NULL, 11:00:30) is still in state; max stays 11:00:30, so no no-data batch
INSERT INTO clicks VALUES (3, '2024-05-01 11:00:00'), (NULL, '2024-05-01 11:00:30'), (NULL, NULL), (1, NULL);
TRIGGER;
SELECT * FROM q;
