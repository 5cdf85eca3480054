-- Channel families that stay unmatched, ranked by channel-days (one unmatched channel on one day
-- counts once), so the families worth a parser rule or an alias come first. Empty slots (reason
-- 'placeholder') are not misses and are left out.
with per_family as (
    select
        playlist_key,
        family,
        count(*) as channel_days,
        count(distinct stream_url) as distinct_channels,
        count(distinct match_date) as days_seen,
        min(match_date) as first_seen,
        max(match_date) as last_seen
    from {{ ref('stg_unmatched_channels') }}
    where reason_code <> 'placeholder'
    group by playlist_key, family
),

reasons as (
    select
        playlist_key,
        family,
        reason_code,
        count(*) as reason_channel_days,
        row_number() over (
            partition by playlist_key, family order by count(*) desc, reason_code
        ) as reason_rank
    from {{ ref('stg_unmatched_channels') }}
    where reason_code <> 'placeholder'
    group by playlist_key, family, reason_code
)

select
    f.playlist_key,
    pr.provider_name,
    f.family,
    fl.league_name,
    f.channel_days,
    f.distinct_channels,
    f.days_seen,
    f.first_seen,
    f.last_seen,
    r.reason_code as top_reason,
    r.reason_channel_days as top_reason_channel_days,
    rank() over (order by f.channel_days desc) as rank_overall,
    rank() over (partition by f.playlist_key order by f.channel_days desc) as rank_in_provider
from per_family as f
inner join reasons as r
    on r.playlist_key = f.playlist_key and r.family = f.family and r.reason_rank = 1
left join {{ ref('int_family_leagues') }} as fl
    on fl.playlist_key = f.playlist_key and fl.family = f.family
left join {{ ref('stg_providers') }} as pr on pr.playlist_key = f.playlist_key
