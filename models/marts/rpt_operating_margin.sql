-- Toimintakate (operating margin) of every committee and service area for every reporting period. Where the
-- report prints it, as printed; where a report prints only its parts (Kauhava's committee tables print
-- TOIMINTATUOTOT and TOIMINTAKULUT but no toimintakate), their sum, flagged is_computed. rpt_income_statement
-- keeps printed tables without added lines; this is where the margin of every section is found.
with

statement as (

    select * from {{ ref('rpt_income_statement') }}
    where account_key in ('toimintakate', 'toimintatuotot', 'valmistus_omaan_kayttoon', 'toimintakulut')

),

printed as (

    select * from statement
    where account_key = 'toimintakate'

),

-- a measure is summed only when every part has it: a missing part would make the sum look complete
parts as (

    select
        municipality,
        committee,
        service_area_key,
        section,
        section_level,
        fiscal_year,
        period_months,
        {% for measure in ['prev_year_actual_eur', 'prev_year_ytd_actual_eur', 'original_budget_eur',
                           'budget_eur', 'ytd_actual_eur', 'forecast_eur'] -%}
        case when count({{ measure }}) = count(*) then sum({{ measure }}) end as {{ measure }}
        {%- if not loop.last %},{% endif %}
        {% endfor %}

    from statement
    where account_key <> 'toimintakate'
        and not exists (
            select 1 from printed
            where printed.service_area_key = statement.service_area_key
                and printed.fiscal_year = statement.fiscal_year
                and printed.period_months = statement.period_months
        )
    group by municipality, committee, service_area_key, section, section_level, fiscal_year, period_months
    having count(*) filter (where account_key in ('toimintatuotot', 'toimintakulut')) = 2

),

margins as (

    select
        municipality,
        committee,
        service_area_key,
        section,
        section_level,
        fiscal_year,
        period_months,
        prev_year_actual_eur,
        prev_year_ytd_actual_eur,
        original_budget_eur,
        budget_eur,
        ytd_actual_eur,
        forecast_eur,
        false as is_computed
    from printed

    union all

    select
        *,
        true as is_computed
    from parts

),

final as (

    select
        {{ report_section_columns() }},
        {{ report_measure_columns() }},
        is_computed

    from margins

)

select * from final
