-- LLM calls and tokens per day and model, summed over providers.
with usage as (
    select
        usage_date,
        model,
        sum(calls) as calls,
        sum(input_tokens) as input_tokens,
        sum(output_tokens) as output_tokens,
        sum(cache_read_tokens) as cache_read_tokens,
        sum(cache_write_tokens) as cache_write_tokens,
        sum(total_tokens) as total_tokens,
        count(distinct playlist_key) as providers
    from {{ ref('stg_llm_usage') }}
    group by usage_date, model
)

select
    usage_date,
    model,
    calls,
    input_tokens,
    output_tokens,
    cache_read_tokens,
    cache_write_tokens,
    total_tokens,
    providers,
    case when calls > 0 then cast(total_tokens as double precision) / calls end as tokens_per_call
from usage
