-- One row per playlist entry per day. Entries dropped as VOD carry status 'filtered'; kept entries that
-- belong to an event-channel family are the "event channels" the match rate is measured over.
select
    match_date,
    playlist_key,
    entry_index,
    stream_url,
    channel_id,
    channel_name,
    group_title,
    family,
    slot,
    status,
    filtered_by,
    event_id as source_event_id,
    league_name,
    handler,
    confidence,
    reason,
    -- a matched entry is an event channel even when no family was recognised for it
    (status = 'matched' or (status = 'unmatched' and family is not null)) as is_event_channel
from {{ source('epgoat', 'channel_event_matches') }}
where record_status = 'active'
