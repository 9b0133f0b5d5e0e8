{#- A readable ascii key from a printed name: "Kiinteistö- ja mittauspalvelut" → kiinteisto_ja_mittauspalvelut. -#}
{% macro slugify(expression) -%}
    trim(regexp_replace(strip_accents(lower({{ expression }})), '[^a-z0-9]+', '_', 'g'), '_')
{%- endmacro %}
