-- Values every node must share, one row each: e.g. 'link-secret', the HMAC key of local download links
-- (created at the first startup with insert-if-absent, unless PODLOOM_LINK_SECRET is set).
CREATE TABLE settings (
    name       VARCHAR(100) PRIMARY KEY,
    text_value TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
