-- epgoat's warehouse schema, shared by DuckDB (embedded) and PostgreSQL (production).
-- Every row carries record_status (active | archived | deleted) and timestamps: rows are
-- soft-deleted, never dropped, so history survives for backfills and analysis.

CREATE TABLE sports (
    sport_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE leagues (
    league_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sport_id TEXT,
    tsdb_league_id TEXT,
    espn_slug TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE participants (
    participant_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    league_id TEXT,
    sport_id TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    source_event_id TEXT NOT NULL,
    tsdb_event_id TEXT,
    espn_event_id TEXT,
    source TEXT NOT NULL,
    sport_id TEXT,
    league_id TEXT,
    league_name TEXT,
    title TEXT,
    home_team TEXT,
    away_team TEXT,
    start_utc TIMESTAMPTZ,
    event_date DATE,
    venue TEXT,
    status TEXT,
    season TEXT,
    thumb TEXT,
    content_hash TEXT NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX events_by_date ON events (event_date);

CREATE TABLE event_participants (
    event_id TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('home', 'away')),
    participant_id TEXT NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (event_id, side)
);

CREATE TABLE providers (
    playlist_key TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('provider', 'byo')),
    name TEXT NOT NULL,
    playlist_source TEXT NOT NULL,
    timezone TEXT NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE provider_patterns (
    playlist_key TEXT NOT NULL,
    family TEXT NOT NULL,
    pattern TEXT NOT NULL,
    group_title TEXT,
    league_hint TEXT,
    member_count INTEGER NOT NULL DEFAULT 0,
    examples TEXT,
    origin TEXT NOT NULL DEFAULT 'discovered',
    review_status TEXT NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'approved', 'rejected')),
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (playlist_key, family)
);

CREATE TABLE vod_filter_patterns (
    rule_name TEXT PRIMARY KEY,
    playlist_key TEXT,
    field TEXT NOT NULL,
    pattern TEXT NOT NULL,
    description TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE tvg_id_mappings (
    playlist_key TEXT NOT NULL,
    stream_url TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    last_name TEXT,
    first_seen DATE,
    last_seen DATE,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (playlist_key, stream_url)
);

CREATE TABLE match_cache (
    playlist_key TEXT NOT NULL,
    channel_name TEXT NOT NULL,
    match_date DATE NOT NULL,
    event_id TEXT,
    handler TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (playlist_key, channel_name, match_date)
);

CREATE TABLE match_overrides (
    playlist_key TEXT NOT NULL,
    channel_name TEXT NOT NULL,
    match_date DATE NOT NULL,
    event_id TEXT,
    note TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (playlist_key, channel_name, match_date)
);

CREATE TABLE channel_event_matches (
    match_date DATE NOT NULL,
    playlist_key TEXT NOT NULL,
    entry_index INTEGER NOT NULL,
    stream_url TEXT NOT NULL,
    channel_id TEXT,
    channel_name TEXT NOT NULL,
    group_title TEXT,
    family TEXT,
    slot INTEGER,
    status TEXT NOT NULL CHECK (status IN ('filtered', 'unmatched', 'matched')),
    filtered_by TEXT,
    event_id TEXT,
    league_name TEXT,
    handler TEXT,
    confidence DOUBLE PRECISION,
    reason TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (match_date, playlist_key, entry_index)
);

CREATE TABLE unmatched_channels (
    match_date DATE NOT NULL,
    playlist_key TEXT NOT NULL,
    stream_url TEXT NOT NULL,
    channel_name TEXT NOT NULL,
    family TEXT,
    reason TEXT NOT NULL,
    candidates TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (match_date, playlist_key, stream_url)
);

CREATE TABLE learned_patterns (
    pattern_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    pattern TEXT NOT NULL,
    value TEXT,
    source TEXT NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE team_aliases (
    alias TEXT NOT NULL,
    league_name TEXT NOT NULL,
    team_name TEXT NOT NULL,
    source TEXT NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (alias, league_name, team_name)
);

CREATE TABLE team_resolution_cache (
    text_norm TEXT NOT NULL,
    league_name TEXT NOT NULL,
    team_name TEXT,
    method TEXT NOT NULL,
    score DOUBLE PRECISION,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (text_norm, league_name)
);

CREATE TABLE daily_stats (
    stat_date DATE NOT NULL,
    playlist_key TEXT NOT NULL,
    metric TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (stat_date, playlist_key, metric)
);

CREATE TABLE llm_usage (
    usage_date DATE NOT NULL,
    playlist_key TEXT NOT NULL,
    model TEXT NOT NULL,
    calls INTEGER NOT NULL DEFAULT 0,
    input_tokens BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    cache_read_tokens BIGINT NOT NULL DEFAULT 0,
    cache_write_tokens BIGINT NOT NULL DEFAULT 0,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (usage_date, playlist_key, model)
);

CREATE TABLE audit_log (
    audit_id TEXT PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT,
    detail TEXT,
    record_status TEXT NOT NULL DEFAULT 'active' CHECK (record_status IN ('active', 'archived', 'deleted')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
