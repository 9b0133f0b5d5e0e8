{#-
    Printed labels differ in case, wrapping and punctuation ("TOIMINTAKATE" / "Toimintakate",
    "Valmistus omaan käyt-töön", "KIINTEISTÖ- JA MITT.PALVELUT"): compare letters and digits only.
-#}
{% macro label_match_key(expression) -%}
    {{ regexp_replace_all('lower(' ~ expression ~ ')', '[^\\p{L}\\p{N}]', '') }}
{%- endmacro %}
