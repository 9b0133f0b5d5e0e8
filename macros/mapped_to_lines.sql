{#-
    Rows of `relation` (a CTE with municipality, cost_centre and account) with the report line and service area
    they belong to: the account through seeds/gl_account_map.csv, the cost centre through seeds/cost_centre_map.csv
    to a service area matched by name or alias. Anything unmapped goes to 'unknown', never dropped.
    `columns` are carried through from `relation`.
-#}
{% macro mapped_to_lines(relation, columns) %}
    select
        {{ relation }}.municipality,
        coalesce(service_area_matches.service_area_key, 'unknown') as service_area_key,
        coalesce(account_map.line_code, 'unknown') as account_key,
        {%- for column in columns %}
        {{ relation }}.{{ column }}{{ "," if not loop.last }}
        {%- endfor %}

    from {{ relation }}
    left join {{ ref('gl_account_map') }} as account_map
        on {{ relation }}.municipality = account_map.municipality
        and {{ relation }}.account = account_map.account
    left join {{ ref('cost_centre_map') }} as cost_centre_map
        on {{ relation }}.municipality = cost_centre_map.municipality
        and {{ relation }}.cost_centre = cost_centre_map.cost_centre
    left join {{ ref('int_service_area_matches') }} as service_area_matches
        on cost_centre_map.municipality = service_area_matches.municipality
        and {{ label_match_key('cost_centre_map.service_area') }} = service_area_matches.match_key
        and {{ relation }}.fiscal_year between service_area_matches.valid_from_year and service_area_matches.valid_to_year
{% endmacro %}
