{#-
    Test that a key built from text is usable: not NULL, not empty, and no part of it empty (a slug never starts or
    ends with '_'). On Spark a regexp_replace with DuckDB's 'g' flag made every label key NULL, '\p{L}' without
    its backslash made every key '', and trim(x, '_') with its arguments swapped turned every section key into
    '__': each passed every other test while rows multiplied or went missing.
-#}
{% test well_formed_key(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
    or {{ column_name }} = ''
    or left({{ column_name }}, 1) = '_'
    or right({{ column_name }}, 1) = '_'

{% endtest %}
