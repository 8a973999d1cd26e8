-- A query over a starting_offsets = 'latest' source starts where the source stood when the query was created, also
-- when it restarts before its first batch (the start is kept in the checkpoint); an earliest-start query reads all.
CREATE SOURCE events (name STRING) WITH (starting_offsets = 'latest');
INSERT INTO events VALUES ('old');
CREATE QUERY e AS SELECT name FROM events;
CREATE QUERY counts AS SELECT name, count(*) AS n FROM events GROUP BY name EMIT COMPLETE;
RESTART e;
RESTART counts;
INSERT INTO events VALUES ('new');
TRIGGER;
CREATE SOURCE all_events (name STRING);
INSERT INTO all_events VALUES ('old');
CREATE QUERY a AS SELECT name FROM all_events;
RESTART a;
INSERT INTO all_events VALUES ('new');
TRIGGER;
