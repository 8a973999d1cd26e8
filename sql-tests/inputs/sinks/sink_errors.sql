-- Pins the errors of query sinks: the files sink is append-only (UPDATE and COMPLETE are refused), needs a path and a
-- known format, names columns in its files, and is not shared by two queries; path and format belong to sink = 'files';
-- an unwritable path is an IO_ERROR; a query printing to the console has no result table to SELECT from.
CREATE SOURCE clicks (page STRING, user_id BIGINT, ts TIMESTAMP);
CREATE QUERY per_page WITH (sink = 'files', path = 'out/per_page') AS SELECT page, count(*) AS n FROM clicks GROUP BY page;
CREATE QUERY totals WITH (sink = 'files', path = 'out/totals') AS SELECT count(*) AS n FROM clicks EMIT COMPLETE;
CREATE QUERY no_path WITH (sink = 'files', format = 'csv') AS SELECT page FROM clicks;
CREATE QUERY bad_format WITH (sink = 'files', path = 'out/x', format = 'parquet') AS SELECT page FROM clicks;
CREATE QUERY stray WITH (path = 'out/x') AS SELECT page FROM clicks;
CREATE QUERY unknown WITH (sink = 'kafka') AS SELECT page FROM clicks;
CREATE QUERY twice WITH (sink = 'files', path = 'out/x') AS SELECT page, page FROM clicks;
CREATE QUERY first WITH (sink = 'files', path = 'out/shared', format = 'csv') AS SELECT page FROM clicks;
CREATE QUERY second WITH (sink = 'files', path = 'out/./shared/', format = 'csv') AS SELECT user_id FROM clicks;
CREATE QUERY nowhere WITH (sink = 'files', path = '/dev/null/out') AS SELECT page FROM clicks;
CREATE QUERY shown WITH (sink = 'console') AS SELECT page FROM clicks;
SELECT * FROM shown;
SELECT * FROM first;
SHOW QUERIES;
