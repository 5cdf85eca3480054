-- Every active event with how many providers carried it. coverage_status 'not_carried' marks events
-- that no provider carried although playlists were matched around that day; 'no_playlist_data' marks
-- days no playlist was processed for, where absence says nothing.
-- The matcher stores the source's event id, which is unique only within a league and a few days, so
-- the join uses id + league and allows one day either side (a provider's local day vs the UTC date).
with carried as (
    select
        e.event_id,
        count(distinct m.playlist_key) as providers_carrying,
        count(*) as channel_days
    from {{ ref('stg_events') }} as e
    inner join {{ ref('stg_channel_event_matches') }} as m
        on m.status = 'matched'
        and m.source_event_id = e.source_event_id
        and m.league_name = e.league_name
        and m.match_date between e.event_date - 1 and e.event_date + 1
    group by e.event_id
),

matched_days as (
    select distinct match_date
    from {{ ref('stg_channel_event_matches') }}
),

observed as (
    select distinct e.event_id
    from {{ ref('stg_events') }} as e
    inner join matched_days as d
        on d.match_date between e.event_date - 1 and e.event_date + 1
)

select
    e.event_id,
    e.source_event_id,
    e.event_date,
    e.start_utc,
    e.sport_id,
    s.sport_name,
    e.league_name,
    e.title,
    e.home_team,
    e.away_team,
    coalesce(c.providers_carrying, 0) as providers_carrying,
    coalesce(c.channel_days, 0) as channel_days,
    case
        when c.event_id is not null then 'carried'
        when o.event_id is not null then 'not_carried'
        else 'no_playlist_data'
    end as coverage_status
from {{ ref('stg_events') }} as e
left join carried as c on c.event_id = e.event_id
left join observed as o on o.event_id = e.event_id
left join {{ ref('stg_sports') }} as s on s.sport_id = e.sport_id
