-- How each completed podcast's script was written (issue 9): the writer, the language model and what it cost in
-- tokens, and where the cited script (script.json) and the JSON transcript (transcript.json) are stored.
CREATE TABLE podcast_writing (
    podcast_id          UUID PRIMARY KEY REFERENCES podcasts (id),
    writer              VARCHAR(16) NOT NULL,
    model               VARCHAR(200),
    fallback_reason     VARCHAR(64),
    prompt_tokens       BIGINT NOT NULL DEFAULT 0,
    completion_tokens   BIGINT NOT NULL DEFAULT 0,
    model_calls         INT NOT NULL DEFAULT 0,
    script_key          VARCHAR(300),
    transcript_json_key VARCHAR(300)
);
