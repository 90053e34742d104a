-- Issue 11: a show's own audio (intro, outro, music bed), mixed into the episodes made for the show. One row per
-- kind that is set; the audio itself is in the object store (mono 16-bit WAV at the episode rate).
CREATE TABLE show_audio (
    show_id          UUID NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    kind             VARCHAR(8) NOT NULL,
    object_key       VARCHAR(300) NOT NULL,
    duration_seconds DOUBLE PRECISION NOT NULL,
    -- what the show uploaded: wav or mp3, and its size in bytes
    uploaded_format  VARCHAR(8) NOT NULL,
    uploaded_bytes   BIGINT NOT NULL,
    uploaded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (show_id, kind)
);
