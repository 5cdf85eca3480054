-- What the guide shows for each event channel: 'event' (matched, scheduled from the event), 'name'
-- (not matched; a programme built from the time and title its name states) or 'filler' (no time in
-- the name, a placeholder or a decoy). NULL for VOD and ordinary live channels, and for rows stored
-- before this column existed. Guide coverage = event channels with 'event' or 'name'.
ALTER TABLE channel_event_matches ADD COLUMN guide_source TEXT
