-- event_id is epgoat's internal id; source_event_id is what the matcher stores in
-- channel_event_matches.event_id (the source's own id, unique only together with the fixture).
select
    event_id,
    source_event_id,
    source,
    sport_id,
    league_id,
    league_name,
    title,
    home_team,
    away_team,
    start_utc,
    event_date,
    status as event_status
from {{ source('epgoat', 'events') }}
where record_status = 'active'
