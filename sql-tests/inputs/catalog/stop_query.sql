-- Pins STOP QUERY: it prints nothing, SHOW QUERIES shows the query STOPPED, TRIGGER skips it (its input waits), its
-- result table stays readable, and RESTART resumes it from its checkpoint with the input that arrived meanwhile.
CREATE SOURCE s (k STRING, ts TIMESTAMP);
CREATE QUERY counts AS SELECT k, count(*) AS n FROM s GROUP BY k EMIT UPDATE;
CREATE QUERY copy AS SELECT k FROM s;
INSERT INTO s VALUES ('a', '2024-01-01 00:00:00'), ('b', '2024-01-01 00:00:01');
TRIGGER;
STOP QUERY counts;
SHOW QUERIES;
INSERT INTO s VALUES ('a', '2024-01-01 00:00:02');
-- Only copy runs.
TRIGGER;
SELECT * FROM counts;
-- Stopping twice is harmless; an unknown query is an error.
STOP QUERY counts;
STOP QUERY nope;
RESTART counts;
SHOW QUERIES;
-- counts resumes after its last committed batch and reads the row it missed.
TRIGGER;
SELECT * FROM counts;
