-- Concurrency slots move out of api_keys (auth's table) into metering's own table, one row per key.
CREATE TABLE generation_slots (
    api_key_id UUID PRIMARY KEY REFERENCES api_keys (id),
    running    INT NOT NULL DEFAULT 0 CHECK (running >= 0)
);
INSERT INTO generation_slots (api_key_id, running)
SELECT id, running_generations FROM api_keys WHERE running_generations > 0;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_running_generations_non_negative;
ALTER TABLE api_keys DROP COLUMN running_generations;
-- Idempotency records are now written only inside the charging transaction, with their answer. A record left
-- 'in_progress' by an earlier version belongs to a request that is no longer running: free its key.
DELETE FROM idempotency_keys WHERE state = 'in_progress' OR response_status IS NULL;
