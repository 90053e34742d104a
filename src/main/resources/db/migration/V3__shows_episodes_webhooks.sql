-- Shows with their public RSS feeds, the episodes published to them, and completion webhooks.

CREATE TABLE shows (
    id                  UUID PRIMARY KEY,
    account_id          UUID NOT NULL REFERENCES accounts (id),
    -- 128 random bits, base64url: the only thing that names a show publicly (its feed and media URLs).
    public_id           VARCHAR(32) NOT NULL UNIQUE,
    title               VARCHAR(300) NOT NULL,
    description         VARCHAR(4000) NOT NULL,
    language            VARCHAR(35) NOT NULL,
    author              VARCHAR(200),
    category            VARCHAR(100),
    explicit            BOOLEAN NOT NULL DEFAULT FALSE,
    owner_email         VARCHAR(320),
    cover_key           VARCHAR(300),
    cover_content_type  VARCHAR(32),
    -- Episode numbers are never reused, even after a removal, so podcast apps do not confuse episodes.
    next_episode_number INT NOT NULL DEFAULT 1,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shows_account_created ON shows (account_id, created_at DESC);

CREATE TABLE episodes (
    id             UUID PRIMARY KEY,
    show_id        UUID NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    podcast_id     UUID NOT NULL REFERENCES podcasts (id),
    episode_number INT NOT NULL,
    title          VARCHAR(500) NOT NULL,
    description    VARCHAR(4000),
    published_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT episodes_once_per_show UNIQUE (show_id, podcast_id),
    CONSTRAINT episodes_number_per_show UNIQUE (show_id, episode_number)
);

-- One signing secret per account (Standard Webhooks "whsec_..."); kept in clear because signing needs it.
CREATE TABLE webhook_secrets (
    account_id UUID PRIMARY KEY REFERENCES accounts (id),
    secret     VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per event to deliver; the db-scheduler task "deliver-webhook" carries only the row's id.
CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,
    account_id      UUID NOT NULL REFERENCES accounts (id),
    podcast_id      UUID,
    event_type      VARCHAR(64) NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    -- The exact JSON body, identical on every attempt so the receiver can deduplicate on webhook-id.
    payload         TEXT NOT NULL,
    status          VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INT NOT NULL DEFAULT 0,
    last_status     INT,
    last_error      VARCHAR(2000),
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_deliveries_account ON webhook_deliveries (account_id, created_at DESC);
CREATE INDEX webhook_deliveries_podcast ON webhook_deliveries (podcast_id);
