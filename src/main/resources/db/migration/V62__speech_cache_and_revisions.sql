-- The synthesis cache (issue 10, item 4): one row per clip kept in the object store under speech-cache/…, so every
-- node sees the same entries, their total size and which were used least recently (evicted first).
CREATE TABLE speech_cache_entries (
    cache_key    VARCHAR(64) PRIMARY KEY,
    engine       VARCHAR(32) NOT NULL,
    object_key   VARCHAR(200) NOT NULL,
    size_bytes   BIGINT NOT NULL CHECK (size_bytes >= 0),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX speech_cache_entries_last_used ON speech_cache_entries (last_used_at);

-- A revision (POST /v1/podcasts/{id}/revisions) is a podcast of its own that names the podcast it revises.
ALTER TABLE podcasts ADD COLUMN revision_of UUID REFERENCES podcasts (id);
CREATE INDEX podcasts_revision_of ON podcasts (revision_of);
