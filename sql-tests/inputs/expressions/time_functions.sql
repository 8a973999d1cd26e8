-- Pins timestamp_seconds, timestamp_millis, unix_seconds, unix_millis, date_trunc ('hour', 'minute', 'day', 'second'; floor before 1970 too), timestamp minus an interval, and string coercion in timestamp comparisons.
SELECT timestamp_seconds(1714392000) AS a, timestamp_seconds(0) AS b, timestamp_seconds(-1) AS c, timestamp_millis(1714392000500) AS d, timestamp_millis(-1) AS e;
SELECT unix_seconds(TIMESTAMP '2024-04-29 12:00:00') AS a, unix_millis(TIMESTAMP '2024-04-29 12:00:00.123') AS b, unix_seconds(TIMESTAMP '1969-12-31 23:59:59') AS c, unix_millis(TIMESTAMP '1970-01-01 00:00:01') AS d;
SELECT date_trunc('hour', TIMESTAMP '2024-04-29 12:34:56.789') AS h, date_trunc('minute', TIMESTAMP '2024-04-29 12:34:56.789') AS m, date_trunc('day', TIMESTAMP '2024-04-29 12:34:56.789') AS d, date_trunc('second', TIMESTAMP '2024-04-29 12:34:56.789') AS s;
SELECT date_trunc('hour', TIMESTAMP '1969-12-31 23:30:00') AS h, date_trunc('day', TIMESTAMP '1969-12-31 23:30:00') AS d;
SELECT TIMESTAMP '2024-04-29 12:00:00' - INTERVAL '10' MINUTE AS earlier, TIMESTAMP '2024-04-29 12:00:00' > '2024-04-29 11:59:59' AS gt, TIMESTAMP '2024-04-29 12:00:00' BETWEEN '2024-04-29 11:00:00' AND '2024-04-29 12:00:00' AS btw;
CREATE TABLE logins (uid STRING, ts TIMESTAMP);
INSERT INTO logins VALUES ('u1', '2024-04-29 08:15:30'), ('u2', '2024-04-29 08:45:00'), ('u1', '2024-04-29 09:05:10');
SELECT date_trunc('hour', ts) AS hr, count(*) AS n FROM logins GROUP BY date_trunc('hour', ts);
SELECT uid, unix_seconds(ts) - unix_seconds(TIMESTAMP '2024-04-29 08:00:00') AS secs FROM logins WHERE ts >= '2024-04-29 08:30:00';
