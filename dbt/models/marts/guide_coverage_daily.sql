-- Guide coverage by provider x day: event channels (the match rate's denominator) whose guide row
-- has a timed programme, either from a matched event ('event') or from the time their name states
-- ('name'). Match rate stays "matched to an event"; coverage is what a viewer sees.
with event_channels as (
    select
        match_date,
        playlist_key,
        status,
        coalesce(guide_source, case when status = 'matched' then 'event' else 'filler' end) as guide_source
    from {{ ref('stg_channel_event_matches') }}
    where is_event_channel
),

counted as (
    select
        match_date,
        playlist_key,
        count(*) as event_channels,
        count(*) filter (where status = 'matched') as matched_channels,
        count(*) filter (where guide_source = 'event') as from_event,
        count(*) filter (where guide_source = 'name') as from_name,
        count(*) filter (where guide_source = 'filler') as filler_only
    from event_channels
    group by match_date, playlist_key
)

select
    c.match_date,
    c.playlist_key,
    pr.provider_name,
    c.event_channels,
    c.matched_channels,
    c.from_event,
    c.from_name,
    c.filler_only,
    cast(c.matched_channels as double precision) / c.event_channels as match_rate,
    cast(c.from_event + c.from_name as double precision) / c.event_channels as guide_coverage
from counted as c
left join {{ ref('stg_providers') }} as pr on pr.playlist_key = c.playlist_key
