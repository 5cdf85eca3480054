-- Match rate by provider x league x day, over event channels only (VOD and plain live channels are
-- not part of the denominator). A matched channel takes its event's league; an unmatched one takes the
-- league its family carries (int_family_leagues), or '(unattributed)' for mixed families such as ESPN+.
with event_channels as (
    select
        m.match_date,
        m.playlist_key,
        coalesce(m.league_name, fl.league_name, '(unattributed)') as league_name,
        m.status,
        m.confidence
    from {{ ref('stg_channel_event_matches') }} as m
    left join {{ ref('int_family_leagues') }} as fl
        on fl.playlist_key = m.playlist_key and fl.family = m.family
    where m.is_event_channel
),

counted as (
    select
        match_date,
        playlist_key,
        league_name,
        count(*) as event_channels,
        count(*) filter (where status = 'matched') as matched_channels,
        count(*) filter (where status = 'unmatched') as unmatched_channels,
        avg(confidence) filter (where status = 'matched') as avg_match_confidence
    from event_channels
    group by match_date, playlist_key, league_name
)

select
    c.match_date,
    c.playlist_key,
    pr.provider_name,
    c.league_name,
    c.event_channels,
    c.matched_channels,
    c.unmatched_channels,
    cast(c.matched_channels as double precision) / c.event_channels as match_rate,
    c.avg_match_confidence
from counted as c
left join {{ ref('stg_providers') }} as pr on pr.playlist_key = c.playlist_key
