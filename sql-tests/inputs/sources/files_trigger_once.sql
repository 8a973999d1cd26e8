-- trigger = 'once' runs one batch over everything available, per-batch caps ignored: max_files_per_trigger too, as
-- Spark's Trigger.Once ignores maxFilesPerTrigger (available_now is the trigger that honours it).
CREATE SOURCE clicks (page STRING, user_id BIGINT) WITH (connector = 'files', path = '../../fixtures/files/clicks', format = 'jsonl', max_files_per_trigger = 1, on_error = 'dead_letter');
CREATE QUERY o WITH (trigger = 'once') AS SELECT page, user_id FROM clicks;
SELECT * FROM o;
