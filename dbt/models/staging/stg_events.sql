select event_id, league_name, event_date
from {{ source('epgoat', 'events') }}
where record_status = 'active'
