{#- A readable ascii key from a printed name: "Kiinteistö- ja mittauspalvelut" → kiinteisto_ja_mittauspalvelut. -#}
{% macro slugify(expression) -%}
    trim(both '_' from {{ regexp_replace_all(strip_accents('lower(' ~ expression ~ ')'), '[^a-z0-9]+', '_') }})
{%- endmacro %}
