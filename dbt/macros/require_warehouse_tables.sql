{#- Run before any build: without the pipeline's tables every staging view would fail with a
    "table does not exist" per model; one clear message says what to do instead. -#}
{% macro require_warehouse_tables() %}
    {% if execute %}
        {% set missing = [] %}
        {% for table in ['events', 'channel_event_matches', 'daily_stats'] %}
            {% set relation = adapter.get_relation(database=target.database, schema=target.schema, identifier=table) %}
            {% if relation is none %}
                {% do missing.append(table) %}
            {% endif %}
        {% endfor %}
        {% if missing %}
            {{ exceptions.raise_compiler_error(
                "the warehouse at target '" ~ target.name ~ "' has no " ~ missing | join(', ')
                ~ " table(s) in schema '" ~ target.schema ~ "': run the pipeline first (make demo)"
                ~ " or point EPGOAT_DUCKDB_PATH / EPGOAT_PG_* at a filled warehouse") }}
        {% endif %}
    {% endif %}
{% endmacro %}
