select
    stat_date,
    playlist_key,
    metric,
    value
from {{ source('epgoat', 'daily_stats') }}
where record_status = 'active'
