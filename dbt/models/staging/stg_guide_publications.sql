-- What published_guide did for each run: one row per run of a date x playlist (audit_log action
-- 'guide.publish'). outcome is 'published' (the stable keys moved to this date) or 'archived only'
-- (an older date than the stable guide, or a gating check failed); failed_checks lists those checks.
select
    audit_id,
    occurred_at,
    subject as playlist_key,
    cast({{ json_text('detail', 'date') }} as date) as guide_date,
    {{ json_text('detail', 'outcome') }} as outcome,
    {{ json_text('detail', 'url') }} as guide_url,
    coalesce({{ json_text('detail', 'failed_checks') }}, '') as failed_checks,
    {{ json_text('detail', 'why') }} as outcome_reason
from {{ source('epgoat', 'audit_log') }}
where record_status = 'active' and action = 'guide.publish'
