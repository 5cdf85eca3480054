-- Fixture texts (the two named sides, normalised and sorted) resolved per playlist and day, so
-- another provider naming the same fixture can reuse the decision (handler 5 of the chain).
CREATE TABLE cross_provider_cache (
    fixture_key TEXT NOT NULL,
    match_date DATE NOT NULL,
    playlist_key TEXT NOT NULL,
    event_id TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (fixture_key, match_date, playlist_key)
);
