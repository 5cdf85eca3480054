-- The operator's overview: one row per guide date x playlist with what is checked first. The match
-- rate's denominator is event channels (matched, or unmatched in a recognised event-channel family;
-- empty placeholder slots excluded), so decoys and leagues without events on the day count as
-- unmatched on purpose. guide_coverage is the share of those channels whose guide row has a timed
-- programme (daily_stats metric 'guide_coverage'; null for days processed before it was recorded).
with stats as (
    select
        stat_date as guide_date,
        playlist_key,
        max(case when metric = 'match_rate' then value end) as match_rate,
        max(case when metric = 'event_channels_matchable' then value end) as event_channels,
        max(case when metric = 'matched' then value end) as matched_channels,
        max(case when metric = 'guide_coverage' then value end) as guide_coverage
    from {{ ref('stg_daily_stats') }}
    group by stat_date, playlist_key
),

reason_counts as (
    select
        match_date,
        playlist_key,
        reason_code,
        count(*) as channels,
        row_number() over (
            partition by match_date, playlist_key order by count(*) desc, reason_code
        ) as reason_rank
    from {{ ref('stg_unmatched_channels') }}
    where reason_code <> 'placeholder'
    group by match_date, playlist_key, reason_code
),

top_reasons as (
    select
        match_date,
        playlist_key,
        string_agg(reason_code || ' ' || cast(channels as varchar), ', ' order by reason_rank)
            as top_unmatched_reasons
    from reason_counts
    where reason_rank <= 3
    group by match_date, playlist_key
),

latest_publication as (
    select
        *,
        row_number() over (partition by guide_date, playlist_key order by occurred_at desc, audit_id) as newest
    from {{ ref('stg_guide_publications') }}
),

live as (
    -- the date each playlist's stable guide holds: the newest date ever published
    select playlist_key, max(guide_date) as live_guide_date
    from {{ ref('stg_guide_publications') }}
    where outcome = 'published'
    group by playlist_key
)

select
    s.guide_date,
    s.playlist_key,
    pr.provider_name,
    s.match_rate,
    cast(s.matched_channels as integer) as matched_channels,
    cast(s.event_channels as integer) as event_channels,
    s.guide_coverage,
    case
        when p.playlist_key is null then 'not published yet'
        when p.failed_checks = '' then 'passed'
        else 'failed: ' || p.failed_checks
    end as checks,
    coalesce(p.outcome, 'not published yet') as publish_outcome,
    p.outcome_reason,
    case when p.outcome = 'published' then p.guide_url end as published_url,
    (l.live_guide_date = s.guide_date) as is_live_guide,
    coalesce(r.top_unmatched_reasons, '') as top_unmatched_reasons
from stats as s
left join latest_publication as p
    on p.guide_date = s.guide_date and p.playlist_key = s.playlist_key and p.newest = 1
left join live as l on l.playlist_key = s.playlist_key
left join top_reasons as r on r.match_date = s.guide_date and r.playlist_key = s.playlist_key
left join {{ ref('stg_providers') }} as pr on pr.playlist_key = s.playlist_key
