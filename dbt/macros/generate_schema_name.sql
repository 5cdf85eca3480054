{#- Staging and marts get plain schema names (`staging`, `marts`) rather than dbt's default
    `<target schema>_marts`, so analysts query `marts.match_rate_daily` on DuckDB and PostgreSQL alike. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
