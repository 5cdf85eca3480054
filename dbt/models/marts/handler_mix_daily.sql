-- Which link of the matching chain settled the matched channels each day, across all providers.
with matched as (
    select
        match_date,
        coalesce(handler, '(none)') as handler,
        playlist_key,
        confidence
    from {{ ref('stg_channel_event_matches') }}
    where status = 'matched'
),

counted as (
    select
        match_date,
        handler,
        count(*) as matched_channels,
        count(distinct playlist_key) as providers,
        avg(confidence) as avg_confidence
    from matched
    group by match_date, handler
)

select
    match_date,
    handler,
    matched_channels,
    providers,
    avg_confidence,
    cast(matched_channels as double precision)
        / sum(matched_channels) over (partition by match_date) as share_of_matched
from counted
