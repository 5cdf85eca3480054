select
    playlist_key,
    family,
    pattern,
    group_title,
    league_hint,
    member_count,
    origin,
    review_status
from {{ source('epgoat', 'provider_patterns') }}
where record_status = 'active'
