{#- The lineage every raw table carries (docs/architecture.md, "Raw schema"), renamed for staging. -#}
{% macro lineage_columns() %}
        _source_path as source_path,
        _source_sha256 as source_sha256,
        _source_row as source_row,
        _load_id as load_id,
        _loaded_at as loaded_at
{%- endmacro %}
