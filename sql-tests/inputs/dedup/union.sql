-- Pins deduplication across two streams: SELECT DISTINCT over a UNION ALL subquery, UNION, and UNION DISTINCT (planned as DISTINCT over UNION ALL) each emit a key once, whichever input it first arrives on, and suppress it on both inputs afterwards; NULLs equal each other; INT widens to BIGINT, names come from the first SELECT; a batch runs when either input got rows.
CREATE SOURCE web (user_id BIGINT, page STRING, ts TIMESTAMP);
CREATE SOURCE app (uid INT, screen STRING, ts TIMESTAMP);
CREATE QUERY over_all AS
  SELECT DISTINCT user_id, page
  FROM (SELECT user_id, page FROM web UNION ALL SELECT uid, screen FROM app);
CREATE QUERY via_union AS
  SELECT user_id, page FROM web
  UNION
  SELECT uid, screen FROM app;
CREATE QUERY via_union_distinct AS SELECT user_id, page FROM web UNION DISTINCT SELECT uid, screen FROM app;
-- (1, home) arrives twice on web and once on app: emitted once
INSERT INTO web VALUES (1, 'home', '2024-05-01 10:00:00'), (1, 'home', '2024-05-01 10:00:01'), (2, 'cart', '2024-05-01 10:00:02');
INSERT INTO app VALUES (1, 'home', '2024-05-01 10:00:03'), (3, 'home', '2024-05-01 10:00:04');
TRIGGER;
-- only app has rows; (2, cart) was seen on web
INSERT INTO app VALUES (2, 'cart', '2024-05-01 10:01:00'), (NULL, 'home', '2024-05-01 10:01:01'), (NULL, 'home', '2024-05-01 10:01:02');
TRIGGER;
-- (NULL, home) was seen on app, (3, home) on both; (4, NULL) arrives on both inputs in the same batch
INSERT INTO web VALUES (NULL, 'home', '2024-05-01 10:02:00'), (3, 'home', '2024-05-01 10:02:01'), (4, NULL, '2024-05-01 10:02:02');
INSERT INTO app VALUES (4, NULL, '2024-05-01 10:02:03');
TRIGGER;
INSERT INTO web VALUES (1, 'home', '2024-05-01 10:03:00');
TRIGGER;
SELECT * FROM over_all;
SELECT * FROM via_union;
