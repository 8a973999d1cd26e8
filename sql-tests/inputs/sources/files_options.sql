-- Pins the files connector's option checks and its read-only dead-letter table.
CREATE SOURCE a (v STRING) WITH (connector = 'files', format = 'jsonl');
CREATE SOURCE b (v STRING) WITH (connector = 'files', path = '../../fixtures/files/missing', format = 'jsonl');
CREATE SOURCE c (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks/01.jsonl', format = 'jsonl');
CREATE SOURCE d (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks');
CREATE SOURCE e (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'parquet');
CREATE SOURCE f (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', on_error = 'ignore');
CREATE SOURCE g (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', max_files_per_trigger = 0);
CREATE SOURCE h (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', dead_letter_table = 'x');
CREATE SOURCE i (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', max_file_per_trigger = 1);
CREATE TABLE j_dead_letters (x BIGINT);
CREATE SOURCE j (v STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', on_error = 'dead_letter');
CREATE SOURCE k (page STRING) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', on_error = 'dead_letter');
INSERT INTO k VALUES ('x');
SELECT * FROM k_dead_letters;
DROP SOURCE k;
SHOW SOURCES;
SHOW TABLES;
