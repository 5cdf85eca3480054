select
    match_date,
    playlist_key,
    stream_url,
    channel_name,
    coalesce(family, '(none)') as family,
    reason,
    trim(split_part(reason, ':', 1)) as reason_code,
    candidates
from {{ source('epgoat', 'unmatched_channels') }}
where record_status = 'active'
