{#-
    On Spark the raw tables are the Parquet files `kuntatalous export-raw DIR` writes (DIR/<table>/), the form a
    data lake keeps them in. Every run registers each raw source as an external table over its folder, so the
    staging models read `raw.<table>` on Spark as they do on DuckDB. Dropping an external table keeps its files.
    DIR is $KUNTATALOUS_RAW_PARQUET (absolute, or relative to where dbt runs).
-#}
{% macro register_raw_parquet() %}
    {% if execute and target.type == 'spark' %}
        {% set directory = env_var('KUNTATALOUS_RAW_PARQUET', 'build/raw_parquet') %}
        {% do run_query('create schema if not exists raw') %}
        {% for source in graph.sources.values() if source.source_name == 'raw' %}
            {% do run_query('drop table if exists raw.' ~ source.name) %}
            {% do run_query(
                "create table raw." ~ source.name ~ " using parquet location '"
                ~ (directory ~ '/' ~ source.name) | replace("'", "''") ~ "'"
            ) %}
        {% endfor %}
    {% endif %}
{% endmacro %}
