{#- Rows that share the same values in `columns`: the grain of a table, tested without dbt-utils
    (hub packages need the network). -#}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}, count(*) as duplicates
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
