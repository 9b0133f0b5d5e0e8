{#-
    int_gl_postings_monthly's pre-hook: on an incremental run, delete the months that hold postings of a file
    reloaded since the last run (a corrected file with the same name). The model recomputes the months its new
    version still touches; the others must go, or the old version's postings would stay in them.
-#}
{% macro delete_months_of_reloaded_files() %}
    {{ return(adapter.dispatch('delete_months_of_reloaded_files', 'kuntatalous')()) }}
{% endmacro %}

{#- Spark's form (no DELETE on Parquet) is in macros/spark/drop_months_of_reloaded_files.sql. -#}
{% macro default__delete_months_of_reloaded_files() %}
    {%- if is_incremental() %}
        delete from {{ this }} as m
        where {{ reloaded_since_condition('m', '(select max(last_loaded_at) from ' ~ this ~ ')') }}
    {%- endif %}
{% endmacro %}


{#- A month row (alias `months`) holds postings of a file whose newer version was loaded after `since`. -#}
{% macro reloaded_since_condition(months, since) %}
    exists (
        select 1 from {{ ref('stg_raw__load_log') }} as reload
        where reload.finished_at > {{ since }}
            and reload.load_status in ('loaded', 'replaced')
            and {{ dbt.position("'; ' || reload.source_path || '; '", "'; ' || " ~ months ~ ".source_paths || '; '") }} > 0
    )
{%- endmacro %}
