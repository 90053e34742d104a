-- Characters sent to each speech engine for a podcast (providers bill by the character), written when the
-- podcast completes, in the same transaction. Shown in the podcast details and the admin view.
CREATE TABLE podcast_speech_usage (
    podcast_id UUID NOT NULL REFERENCES podcasts (id),
    engine VARCHAR(32) NOT NULL,
    characters BIGINT NOT NULL CHECK (characters >= 0),
    PRIMARY KEY (podcast_id, engine)
);

-- An account's pronunciation lexicon (PUT /v1/account/lexicon): its entries as JSON, replaced whole on each PUT.
CREATE TABLE account_lexicons (
    account_id UUID PRIMARY KEY REFERENCES accounts (id),
    entries TEXT NOT NULL,
    version INT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
