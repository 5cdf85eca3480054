-- The league each provider's channel family carries, so unmatched channels can be attributed: the
-- league hint of a discovered family, else the one league the family's matched channels belong to
-- (configured families such as "NBA 01..15" have no provider_patterns row). Families whose matches
-- span several leagues (ESPN+) stay unattributed.
with matched_leagues as (
    select
        playlist_key,
        family,
        min(league_name) as league_name,
        count(distinct league_name) as leagues
    from {{ ref('stg_channel_event_matches') }}
    where status = 'matched' and family is not null and league_name is not null
    group by playlist_key, family
),

families as (
    select playlist_key, family from {{ ref('stg_provider_patterns') }}
    union
    select playlist_key, family from matched_leagues
)

select
    f.playlist_key,
    f.family,
    coalesce(p.league_hint, case when m.leagues = 1 then m.league_name end) as league_name,
    case
        when p.league_hint is not null then 'pattern_hint'
        when m.leagues = 1 then 'matched_channels'
    end as attributed_by
from families as f
left join {{ ref('stg_provider_patterns') }} as p
    on p.playlist_key = f.playlist_key and p.family = f.family
left join matched_leagues as m
    on m.playlist_key = f.playlist_key and m.family = f.family
