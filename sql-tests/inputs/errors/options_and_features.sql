-- Pins INVALID_OPTION (bad connector options), UNSUPPORTED_FEATURE (not yet built) and CHECKPOINT_ERROR (unwritable checkpoint).
CREATE SOURCE k (v STRING) WITH (connector = 'kafka');
CREATE SOURCE g (v BIGINT) WITH (connector = 'datagen', rows = 'many');
CREATE SOURCE m (v STRING) WITH (starting_offsets = 'yesterday');
SHOW SOURCES;
CREATE TABLE a (x INT);
CREATE TABLE b (x INT);
SELECT x FROM a LIMIT 1 UNION ALL SELECT x FROM b;
CREATE SOURCE s (user_id BIGINT, ts TIMESTAMP);
CREATE QUERY sessions AS SELECT user_id, first(ts) AS f FROM s GROUP BY session_window(ts, '5 minutes'), user_id;
CREATE QUERY q WITH (checkpoint = '/dev/null/tidemark') AS SELECT user_id FROM s;
SHOW QUERIES;
CREATE SOURCE typo (v BIGINT) WITH (connector = 'datagen', row = 10);
CREATE SOURCE typo2 (v BIGINT) WITH (starting_offset = 'latest');
CREATE QUERY q2 WITH (chekpoint = 'x') AS SELECT user_id FROM s;
