select
    playlist_key,
    kind as provider_kind,
    name as provider_name,
    timezone
from {{ source('epgoat', 'providers') }}
where record_status = 'active'
