-- Rate-limit buckets shared by all nodes (Bucket4j, PostgreSQL select-for-update proxy manager).
-- Used only on PostgreSQL; the embedded H2 setup keeps its buckets in memory, but the table is created
-- on both so that one migration history serves both databases.
CREATE TABLE rate_limit_bucket (
    id         VARCHAR(255) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
