-- Pins RESTART of a windowed APPEND aggregation over a stream-table join (watermark declared on the source): state, watermark, batch ids and the result table survive; the table keeps its rows across the restart (same process) and rows inserted into it around a restart are seen by the next batch; input inserted before a restart is read after it; no row is lost or emitted twice.
CREATE SOURCE clicks (user_id INT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE TABLE users (id INT, team STRING);
INSERT INTO users VALUES (1, 'red'), (2, 'blue'), (3, 'red');
CREATE QUERY q AS
  SELECT window.start AS ws, u.team, count(*) AS n
  FROM clicks c JOIN users u ON c.user_id = u.id
  GROUP BY window(c.ts, '10 seconds'), u.team
  EMIT APPEND;
INSERT INTO clicks VALUES (1, '2024-05-01 10:00:01'), (2, '2024-05-01 10:00:03'), (3, '2024-05-01 10:00:08');
TRIGGER;
RESTART q;
-- user 4 is new; user 5 matches nothing but moves the watermark to 10:00:13, which closes [10:00:00, 10:00:10) with its state from before the restart
INSERT INTO users VALUES (4, 'blue');
INSERT INTO clicks VALUES (4, '2024-05-01 10:00:09'), (1, '2024-05-01 10:00:12'), (5, '2024-05-01 10:00:18');
TRIGGER;
RESTART q;
TRIGGER;
-- the watermark 10:00:13 survived: 10:00:07 is late; 10:00:14 counts in [10:00:10, 10:00:20)
INSERT INTO clicks VALUES (3, '2024-05-01 10:00:07'), (2, '2024-05-01 10:00:14'), (3, '2024-05-01 10:00:26');
TRIGGER;
-- stream and table rows inserted before a restart are read after it
INSERT INTO users VALUES (6, 'green');
INSERT INTO clicks VALUES (6, '2024-05-01 10:00:24'), (4, '2024-05-01 10:00:41');
RESTART q;
TRIGGER;
SELECT * FROM q;
