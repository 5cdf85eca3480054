{#- A text field of a JSON document stored as TEXT (audit_log.detail), on DuckDB and PostgreSQL. -#}
{% macro json_text(column, field) %}
    {%- if target.type == 'duckdb' -%}
        json_extract_string({{ column }}, '$.{{ field }}')
    {%- else -%}
        (cast({{ column }} as json) ->> '{{ field }}')
    {%- endif -%}
{% endmacro %}
