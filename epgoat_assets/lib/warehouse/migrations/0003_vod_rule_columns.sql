-- Rows of vod_filter_patterns are full VOD rules, added by operators on top of config/vod_patterns.yaml:
-- the same action / strength / flags as the YAML rules. playlist_key NULL = every playlist.
ALTER TABLE vod_filter_patterns ADD COLUMN action TEXT DEFAULT 'filter';
ALTER TABLE vod_filter_patterns ADD COLUMN strength TEXT DEFAULT 'soft';
ALTER TABLE vod_filter_patterns ADD COLUMN flags TEXT DEFAULT ''
