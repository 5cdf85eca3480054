select
    playlist_key,
    channel_name,
    match_date,
    event_id as source_event_id,
    handler,
    confidence
from {{ source('epgoat', 'match_cache') }}
where record_status = 'active'
