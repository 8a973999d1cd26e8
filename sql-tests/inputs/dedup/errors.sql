-- Pins the errors of streaming deduplication: EMIT COMPLETE (with or without a watermark), ORDER BY (APPEND or UPDATE) and LIMIT on SELECT DISTINCT or on a UNION (without ALL) of streams are UNSUPPORTED_STREAMING_OPERATION; failed queries never run.
CREATE SOURCE clicks (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE SOURCE views (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE QUERY q1 AS SELECT DISTINCT user_id, page FROM clicks EMIT COMPLETE;
CREATE QUERY q2 AS SELECT DISTINCT user_id, ts FROM clicks WATERMARK ts 10 seconds EMIT COMPLETE;
CREATE QUERY q3 AS SELECT DISTINCT user_id, page FROM clicks ORDER BY user_id;
CREATE QUERY q4 AS SELECT DISTINCT user_id, page FROM clicks ORDER BY page EMIT UPDATE;
CREATE QUERY q5 AS SELECT DISTINCT user_id, page FROM clicks LIMIT 10;
CREATE QUERY q6 AS SELECT user_id, page FROM clicks UNION SELECT user_id, page FROM views EMIT COMPLETE;
CREATE QUERY q7 AS SELECT user_id, page FROM clicks UNION SELECT user_id, page FROM views ORDER BY user_id;
CREATE QUERY ok AS SELECT DISTINCT user_id, page FROM clicks;
SHOW QUERIES;
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:00'), (1, 'home', '2024-05-01 10:00:01');
TRIGGER;
