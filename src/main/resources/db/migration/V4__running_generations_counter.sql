-- The concurrent-generation limit as a counter on the key. Submissions take it with a guarded UPDATE
-- at the very end of their transaction, so the key's row is locked only for the moment before COMMIT
-- (a SELECT … FOR UPDATE at the start held it for the whole transaction and capped one key at ~75/s).
ALTER TABLE api_keys ADD COLUMN running_generations INT NOT NULL DEFAULT 0;
UPDATE api_keys SET running_generations = (
    SELECT COUNT(*) FROM podcasts p WHERE p.api_key_id = api_keys.id AND p.status IN ('requested', 'processing'));
ALTER TABLE api_keys ADD CONSTRAINT api_keys_running_generations_non_negative CHECK (running_generations >= 0);
