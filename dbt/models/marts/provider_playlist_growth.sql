-- Playlist size per provider per day (daily_stats metric 'entries') and how it moved since the
-- previous day with data, next to how much of it was VOD and how many event channels it held.
with stats as (
    select
        stat_date,
        playlist_key,
        max(value) filter (where metric = 'entries') as entries,
        max(value) filter (where metric = 'vod_filtered') as vod_filtered,
        max(value) filter (where metric = 'event_channels') as event_channels
    from {{ ref('stg_daily_stats') }}
    group by stat_date, playlist_key
),

with_previous as (
    select
        stat_date,
        playlist_key,
        cast(entries as bigint) as entries,
        cast(vod_filtered as bigint) as vod_filtered,
        cast(event_channels as bigint) as event_channels,
        lag(stat_date) over (partition by playlist_key order by stat_date) as previous_stat_date,
        cast(lag(entries) over (partition by playlist_key order by stat_date) as bigint) as previous_entries,
        cast(first_value(entries) over (partition by playlist_key order by stat_date) as bigint) as first_entries
    from stats
    where entries is not null
)

select
    w.stat_date,
    w.playlist_key,
    pr.provider_name,
    w.entries,
    w.vod_filtered,
    w.event_channels,
    w.previous_stat_date,
    w.previous_entries,
    w.entries - w.previous_entries as entries_change,
    case
        when w.previous_entries > 0
            then cast(w.entries - w.previous_entries as double precision) / w.previous_entries
    end as entries_change_pct,
    w.entries - w.first_entries as entries_change_since_first
from with_previous as w
left join {{ ref('stg_providers') }} as pr on pr.playlist_key = w.playlist_key
