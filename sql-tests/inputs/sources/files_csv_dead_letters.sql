-- Pins the files connector over CSV (fixtures/files/orders): header names map to columns in any order (extra ones
-- ignored), quoted fields with commas, doubled quotes and newlines, empty unquoted fields as NULL, CRLF; with
-- on_error = 'dead_letter' each malformed record goes once to a read-only table (raw record, file, line, reason),
-- across RESTART too; with the default on_error = 'fail' the first malformed record fails the query, naming file
-- and line, before any batch reads the directory.
CREATE SOURCE orders (id BIGINT, item STRING, amount DOUBLE, ts TIMESTAMP)
  WITH (connector = 'files', path = '../../fixtures/files/orders', format = 'csv', on_error = 'dead_letter',
        dead_letter_table = 'bad_orders');
SHOW TABLES;
DESCRIBE bad_orders;
CREATE QUERY big AS SELECT id, item, amount FROM orders WHERE amount > 10;
CREATE QUERY everything AS SELECT id, item, amount, ts FROM orders;
TRIGGER;
SELECT * FROM bad_orders;
SELECT * FROM everything;
RESTART big;
TRIGGER;
SELECT file, count(*) AS n FROM bad_orders GROUP BY file;
INSERT INTO bad_orders VALUES ('x', 'y', 1, 'z');
DROP TABLE bad_orders;
CREATE SOURCE strict_orders (id BIGINT, item STRING, amount DOUBLE, ts TIMESTAMP)
  WITH (connector = 'files', path = '../../fixtures/files/orders', format = 'csv');
CREATE QUERY strict AS SELECT id FROM strict_orders;
TRIGGER;
SHOW QUERIES;
SELECT * FROM strict;
