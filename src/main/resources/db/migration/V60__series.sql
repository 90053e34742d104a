-- Issue 13: a series planned from one prompt. The plan (title, description, one title and outline per episode) is
-- written once, charged as a script; each episode then becomes its own podcast, charged when it starts, one after
-- the other. Deleting the show deletes its series (what was already published is the show's and goes with it).
CREATE TABLE series (
    id               UUID PRIMARY KEY,
    account_id       UUID NOT NULL REFERENCES accounts (id),
    show_id          UUID NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    -- The key the episodes are charged to and counted against (the last to create or resume the series).
    api_key_id       UUID NOT NULL REFERENCES api_keys (id),
    prompt           VARCHAR(500) NOT NULL,
    title            VARCHAR(300) NOT NULL,
    description      VARCHAR(4000) NOT NULL,
    episode_count    INT NOT NULL CHECK (episode_count BETWEEN 1 AND 20),
    episode_minutes  INT NOT NULL,
    -- The validated podcast request every episode is made from (its topic or focus is set per episode), as JSON.
    template_spec    TEXT NOT NULL,
    status           VARCHAR(24) NOT NULL CHECK (status IN ('running', 'waiting_for_credits', 'waiting_for_limits',
                                                            'stopped', 'completed')),
    status_reason    VARCHAR(64),
    plan_credits     BIGINT NOT NULL,
    quoted_credits   BIGINT NOT NULL,
    -- The price of one episode when planned: lets the periodic check skip series the balance still cannot pay.
    episode_credits  BIGINT NOT NULL,
    model            VARCHAR(200),
    prompt_tokens    BIGINT NOT NULL DEFAULT 0,
    completion_tokens BIGINT NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX series_show_created ON series (show_id, created_at DESC);
CREATE INDEX series_account_status ON series (account_id, status);

CREATE TABLE series_episodes (
    series_id         UUID NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    number            INT NOT NULL,
    title             VARCHAR(300) NOT NULL,
    outline           VARCHAR(2000) NOT NULL,
    status            VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    -- Set in the transaction that charges the episode; a guarded update makes it happen once.
    podcast_id        UUID REFERENCES podcasts (id),
    -- The podcast of an earlier attempt that failed (refunded), kept when a resume starts the episode again.
    failed_podcast_id UUID REFERENCES podcasts (id),
    started_at        TIMESTAMP WITH TIME ZONE,
    completed_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (series_id, number)
);
CREATE UNIQUE INDEX series_episodes_podcast ON series_episodes (podcast_id);
