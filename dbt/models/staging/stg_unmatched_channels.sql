select
    match_date,
    playlist_key,
    stream_url,
    channel_name,
    coalesce(family, '(none)') as family,
    reason,
    candidates
from {{ source('epgoat', 'unmatched_channels') }}
where record_status = 'active'
