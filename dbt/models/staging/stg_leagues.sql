select
    league_id,
    name as league_name,
    sport_id,
    tsdb_league_id,
    espn_slug
from {{ source('epgoat', 'leagues') }}
where record_status = 'active'
