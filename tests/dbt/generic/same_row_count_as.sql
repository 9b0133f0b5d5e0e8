{#-
    Test that a model has exactly as many rows as `compare_model`: a model that resolves each input row once (a
    lookup by a key) must neither lose rows nor multiply them. When label keys all became '' on Spark, the printed
    numbers each matched every label and the candidate facts grew from ~1 100 to over a million rows.
-#}
{% test same_row_count_as(model, compare_model) %}

select model_rows, compare_rows
from (select count(*) as model_rows from {{ model }}) as counted
cross join (select count(*) as compare_rows from {{ compare_model }}) as compared
where model_rows != compare_rows

{% endtest %}
