-- Pins SELECT over a COMPLETE query's result table: it holds the latest full result only (with the query's LIMIT applied).
CREATE SOURCE votes (choice STRING, ts TIMESTAMP);
CREATE QUERY leaders AS
  SELECT choice, count(*) AS n
  FROM votes
  GROUP BY choice
  ORDER BY n DESC, choice
  LIMIT 2
  EMIT COMPLETE;
INSERT INTO votes VALUES ('red', '2024-04-29 20:00:00'), ('blue', '2024-04-29 20:00:01'), ('red', '2024-04-29 20:00:02'), ('green', '2024-04-29 20:00:03');
TRIGGER;
INSERT INTO votes VALUES ('green', '2024-04-29 20:01:00'), ('green', '2024-04-29 20:01:01');
TRIGGER;
SELECT * FROM leaders;
SELECT choice FROM leaders WHERE n < 3;
