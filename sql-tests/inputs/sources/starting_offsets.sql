-- Pins where a new query starts: memory sources keep everything (earliest) unless starting_offsets = 'latest'.
CREATE SOURCE events (name STRING) WITH (starting_offsets = 'latest');
CREATE SOURCE logs (name STRING);
INSERT INTO events VALUES ('old');
INSERT INTO logs VALUES ('old');
CREATE QUERY e AS SELECT name FROM events;
CREATE QUERY l AS SELECT name FROM logs;
INSERT INTO events VALUES ('new');
INSERT INTO logs VALUES ('new');
TRIGGER;
TRIGGER;
