-- Pins a tumbling-window APPEND aggregation over a stream-table INNER JOIN, grouped by a table column, with the watermark declared on the stream's source: the watermark comes from every stream row (also rows that match no table row, which are not counted); a window is emitted in the no-data batch after the data batch that moves the watermark past its end; late (row, window) pairs are dropped; a row at the watermark in an open window still counts.
CREATE SOURCE clicks (user_id INT, page STRING, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND);
CREATE TABLE users (id INT, name STRING);
-- ids 1 and 3 share a name, so they count in the same group
INSERT INTO users VALUES (1, 'ada'), (2, 'alan'), (3, 'ada');
CREATE QUERY q AS
  SELECT window.start AS ws, u.name, count(*) AS n
  FROM clicks c JOIN users u ON c.user_id = u.id
  GROUP BY window(c.ts, '10 seconds'), u.name
  EMIT APPEND;
-- user 9 matches nothing but its 10:00:12 sets the watermark to 10:00:07
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:01'), (2, 'cart', '2024-05-01 10:00:04'), (3, 'home', '2024-05-01 10:00:07'), (9, 'help', '2024-05-01 10:00:12');
TRIGGER;
-- 10:00:09 is not late (window end 10:00:10 > 10:00:07); user 9's 10:00:16 moves the watermark to 10:00:11, which closes [10:00:00, 10:00:10)
INSERT INTO clicks VALUES (1, 'cart', '2024-05-01 10:00:09'), (2, 'home', '2024-05-01 10:00:13'), (9, 'help', '2024-05-01 10:00:16');
TRIGGER;
-- 10:00:05 is late (window end 10:00:10 <= 10:00:11); 10:00:11 counts in [10:00:10, 10:00:20); max stays 10:00:16: no no-data batch
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:05'), (3, 'cart', '2024-05-01 10:00:11'), (2, 'cart', '2024-05-01 10:00:14');
TRIGGER;
INSERT INTO clicks VALUES (1, 'home', '2024-05-01 10:00:27');
TRIGGER;
SELECT * FROM q;
