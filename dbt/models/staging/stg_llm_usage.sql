select
    usage_date,
    playlist_key,
    model,
    calls,
    input_tokens,
    output_tokens,
    cache_read_tokens,
    cache_write_tokens,
    input_tokens + output_tokens + cache_read_tokens + cache_write_tokens as total_tokens
from {{ source('epgoat', 'llm_usage') }}
where record_status = 'active'
