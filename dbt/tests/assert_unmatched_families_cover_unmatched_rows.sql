-- The ranking must account for every unmatched channel-day but empty slots, none dropped by the
-- reason pick.
select total.channel_days, ranked.channel_days
from (
    select count(*) as channel_days
    from {{ ref('stg_unmatched_channels') }}
    where reason_code <> 'placeholder'
) as total
cross join (select coalesce(sum(channel_days), 0) as channel_days from {{ ref('unmatched_families') }}) as ranked
where total.channel_days <> ranked.channel_days
