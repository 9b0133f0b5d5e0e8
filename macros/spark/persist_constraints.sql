{#-
    Plain Parquet tables on Spark take no NOT NULL or PRIMARY KEY constraint (only Delta does, and its jars are not
    here). The contract still holds: once a mart is written, its not_null and primary_key columns are checked and
    the model fails, naming the column and the rows, as DuckDB fails the insert.
-#}
{% macro spark__persist_constraints(relation, model) %}
    {%- if not config.get('contract', {}).enforced %}{{ return('') }}{% endif %}
    {%- set checks = [] %}
    {%- for column in model.columns.values() %}
        {%- for constraint in column.constraints %}
            {%- if constraint.type in ('not_null', 'primary_key') %}
                {%- do checks.append(("not_null", column.name, "count_if(" ~ column.name ~ " is null)")) %}
            {%- endif %}
            {%- if constraint.type == 'primary_key' %}
                {%- do checks.append(("primary_key", column.name,
                    "count(" ~ column.name ~ ") - count(distinct " ~ column.name ~ ")")) %}
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
    {%- if checks %}
        {%- set counted = run_query(
            "select " ~ (checks | map(attribute=2) | join(", ")) ~ " from " ~ relation
        ).rows[0] %}
        {%- for check in checks %}
            {%- if counted[loop.index0] > 0 %}
                {%- do exceptions.raise_compiler_error(
                    relation ~ ": " ~ counted[loop.index0] ~ " rows break the " ~ check[0] ~ " constraint on "
                    ~ check[1]
                ) %}
            {%- endif %}
        {%- endfor %}
    {%- endif %}
{% endmacro %}
