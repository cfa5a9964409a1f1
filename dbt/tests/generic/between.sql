{#- Rows whose `column_name` lies outside [min_value, max_value] (nulls pass; pair with not_null). -#}
{% test between(model, column_name, min_value, max_value) %}
select {{ column_name }} as out_of_range
from {{ model }}
where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}
{% endtest %}
