-- One row per playlist entry per day. Event channels (what the match rate is measured over, as in
-- the pipeline's own summary) are matched entries and unmatched entries of an event-channel family,
-- except empty slots ("NBA 14", reason 'placeholder'). Reasons read 'code: detail'; reason_code is the code.
select
    match_date,
    playlist_key,
    entry_index,
    stream_url,
    channel_id,
    channel_name,
    group_title,
    family,
    slot,
    status,
    filtered_by,
    event_id as source_event_id,
    league_name,
    handler,
    confidence,
    reason,
    trim(split_part(reason, ':', 1)) as reason_code,
    -- what the guide shows: event | name | filler (null for non-event rows and rows stored before it)
    guide_source,
    (status = 'unmatched' and reason = 'placeholder') as is_placeholder,
    -- a matched entry is an event channel even when no family was recognised for it
    (
        status = 'matched'
        or (status = 'unmatched' and family is not null and coalesce(reason, '') <> 'placeholder')
    ) as is_event_channel
from {{ source('epgoat', 'channel_event_matches') }}
where record_status = 'active'
