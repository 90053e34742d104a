-- Podcasts, their render jobs (db-scheduler) and Idempotency-Key records.

CREATE TABLE podcasts (
    id                UUID PRIMARY KEY,
    account_id        UUID NOT NULL REFERENCES accounts (id),
    api_key_id        UUID NOT NULL REFERENCES api_keys (id),
    status            VARCHAR(16) NOT NULL CHECK (status IN ('requested', 'processing', 'completed', 'failed')),
    stage             VARCHAR(32),
    progress          INT NOT NULL DEFAULT 0,
    -- The validated request, as JSON: what the render job needs to run (again, after a crash).
    spec              TEXT NOT NULL,
    title             VARCHAR(500),
    language          VARCHAR(35) NOT NULL,
    style             VARCHAR(32) NOT NULL,
    target_minutes    INT NOT NULL,
    credits_charged   BIGINT NOT NULL,
    credits_refunded  BIGINT NOT NULL DEFAULT 0,
    error_code        VARCHAR(64),
    error_message     VARCHAR(2000),
    duration_seconds  DOUBLE PRECISION,
    sources_exhausted BOOLEAN NOT NULL DEFAULT FALSE,
    voices            VARCHAR(500),
    audio_key         VARCHAR(300),
    audio_bytes       BIGINT,
    transcript_key    VARCHAR(300),
    chapters_key      VARCHAR(300),
    attempts          INT NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    completed_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX podcasts_account_created ON podcasts (account_id, created_at DESC);
-- The concurrent-generation limit counts a key's unfinished podcasts.
CREATE INDEX podcasts_key_status ON podcasts (api_key_id, status);

CREATE TABLE idempotency_keys (
    account_id      UUID NOT NULL REFERENCES accounts (id),
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64) NOT NULL,
    state           VARCHAR(16) NOT NULL CHECK (state IN ('in_progress', 'done')),
    response_status INT,
    response_body   TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- db-scheduler's table, as its documentation gives it for PostgreSQL (H2 accepts it in PostgreSQL mode).
CREATE TABLE scheduled_tasks (
    task_name            TEXT NOT NULL,
    task_instance        TEXT NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
