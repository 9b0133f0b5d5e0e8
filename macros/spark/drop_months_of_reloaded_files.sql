{#-
    Spark's form of int_gl_postings_monthly's pre-hook (macros/delete_months_of_reloaded_files.sql). Plain Parquet
    tables take no DELETE; the model is partitioned by month instead (fiscal_year, posting_month) and written with
    insert_overwrite, which replaces the months it recomputes. A month a corrected file no longer touches would get
    no new rows and keep its old ones, so its partition is dropped here first; the model recomputes every month
    dropped, from the postings left in it.
-#}
{% macro spark__delete_months_of_reloaded_files() %}
    {%- if is_incremental() and execute %}
        {%- set months = run_query(
            "select distinct m.fiscal_year, m.posting_month from " ~ this ~ " as m where "
            ~ reloaded_since_condition('m', '(select max(last_loaded_at) from ' ~ this ~ ')')
        ) %}
        {%- for month in months.rows %}
            {%- do run_query(
                "alter table " ~ this ~ " drop if exists partition (fiscal_year = " ~ month[0]
                ~ ", posting_month = " ~ month[1] ~ ")"
            ) %}
        {%- endfor %}
    {%- endif %}
{% endmacro %}
