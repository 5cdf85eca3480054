select
    sport_id,
    name as sport_name
from {{ source('epgoat', 'sports') }}
where record_status = 'active'
