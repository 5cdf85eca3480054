-- Every event channel is either matched or unmatched: the counts must add up.
select *
from {{ ref('match_rate_daily') }}
where matched_channels + unmatched_channels <> event_channels
