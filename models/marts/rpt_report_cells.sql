-- Every number of the report tables, one row per section × line × year × period × measure: what the question
-- engine and the comparison page read. A report row also carries the previous year's full-year and same-period
-- actuals; they fill years with no report of their own but lose to a year's own number (priority). Annual amounts
-- (budget, original budget, budget change, forecast) are kept at period 12, the latest report's winning. The
-- budget change (TA muutokset) is computed, budget after changes − original budget, like the other derived measures.
{%- set row_columns = [
    'municipality', 'committee', 'service_area_key', 'section', 'section_level', 'account_key', 'line_item',
    'line_order', 'fiscal_year', 'period_months', 'prev_year_actual_eur', 'prev_year_ytd_actual_eur',
    'original_budget_eur', 'budget_eur', 'ytd_actual_eur', 'remaining_eur', 'realization_pct', 'forecast_eur',
    'variance_eur',
] %}

with

income_statement as (

    select * from {{ ref('rpt_income_statement') }}

),

investments as (

    select * from {{ ref('rpt_investments') }}

),

operating_margin as (

    select * from {{ ref('rpt_operating_margin') }}

),

accounts as (

    select * from {{ ref('dim_account') }}

),

report_rows as (

    select
        {%- for column in row_columns %}
        {{ column }},
        {%- endfor %}
        'income_statement' as table_kind,
        false as is_computed
    from income_statement

    union all

    select
        {%- for column in row_columns %}
        {{ column }},
        {%- endfor %}
        'investments' as table_kind,
        false as is_computed
    from investments

    union all

    -- a margin the report does not print (Kauhava's committees) is answered from its parts, and says so
    select
        operating_margin.municipality,
        operating_margin.committee,
        operating_margin.service_area_key,
        operating_margin.section,
        operating_margin.section_level,
        accounts.account_key,
        accounts.line_name || ' (laskettu)' as line_item,
        1000 + accounts.line_order as line_order,
        operating_margin.fiscal_year,
        operating_margin.period_months,
        operating_margin.prev_year_actual_eur,
        operating_margin.prev_year_ytd_actual_eur,
        operating_margin.original_budget_eur,
        operating_margin.budget_eur,
        operating_margin.ytd_actual_eur,
        operating_margin.remaining_eur,
        operating_margin.realization_pct,
        operating_margin.forecast_eur,
        operating_margin.variance_eur,
        'income_statement' as table_kind,
        true as is_computed
    from operating_margin
    inner join accounts
        on accounts.account_key = 'toimintakate'
        and accounts.table_kind = 'income_statement'
    where operating_margin.is_computed

),

-- (the year and period the number belongs to, the measure, the number, its priority: lowest wins)
cells as (

    {%- set cells = [
        ('fiscal_year', 'period_months', 'actual', 'ytd_actual_eur', '0'),
        ('fiscal_year - 1', '12', 'actual', 'prev_year_actual_eur', '1'),
        ('fiscal_year - 1', 'period_months', 'actual', 'prev_year_ytd_actual_eur', '1'),
        ('fiscal_year', '12', 'budget', 'budget_eur', '12 - period_months'),
        ('fiscal_year', '12', 'original_budget', 'original_budget_eur', '12 - period_months'),
        ('fiscal_year', '12', 'budget_change', 'budget_eur - original_budget_eur', '12 - period_months'),
        ('fiscal_year', '12', 'forecast', 'forecast_eur', '12 - period_months'),
        ('fiscal_year', 'period_months', 'remaining', 'remaining_eur', '0'),
        ('fiscal_year', 'period_months', 'realization_pct', 'realization_pct', '0'),
        ('fiscal_year', 'period_months', 'variance', 'variance_eur', '0'),
    ] %}
    {%- for year, period, measure, value, priority in cells %}
    select
        municipality,
        committee,
        service_area_key,
        account_key,
        table_kind,
        section,
        section_level,
        line_item,
        line_order,
        is_computed,
        {{ year }} as fiscal_year,
        {{ period }} as period_months,
        '{{ measure }}' as measure,
        {{ value }} as cell_value,
        {{ priority }} as priority,
        period_months as report_period_months
    from report_rows
    where {{ value }} is not null
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

ranked as (

    select
        *,
        -- the lowest priority wins; between equals, the later report of the year
        row_number() over (
            partition by service_area_key, account_key, table_kind, fiscal_year, period_months, measure
            order by priority asc, report_period_months desc
        ) as cell_rank
    from cells

),

final as (

    select
        cast(municipality as varchar) as municipality,
        cast(committee as varchar) as committee,
        cast(service_area_key as varchar) as service_area_key,
        cast(section as varchar) as section,
        cast(section_level as varchar) as section_level,
        cast(table_kind as varchar) as table_kind,
        cast(account_key as varchar) as account_key,
        cast(line_item as varchar) as line_item,
        cast(line_order as integer) as line_order,
        cast(is_computed as boolean) as is_computed,
        cast(fiscal_year as integer) as fiscal_year,
        cast(period_months as integer) as period_months,
        cast(measure as varchar) as measure,
        cast(cell_value as decimal(18, 2)) as cell_value
    from ranked
    where cell_rank = 1

)

select * from final
