-- Every printed number with its line (account_key) and its section (service_area_key) resolved.
-- A section no seed knows gets a key of its own (municipality__section) so its table can still be rebuilt;
-- a label no seed knows gets account_key 'unknown' and is listed by the test on unmapped labels.
with

ledger as (

    select * from {{ ref('stg_raw__ledger') }}

),

account_matches as (

    select * from {{ ref('int_account_label_matches') }}

),

service_area_matches as (

    select * from {{ ref('int_service_area_matches') }}

),

-- the reporting period of each source: the latest actual it prints decides which source is "later"
source_periods as (

    select
        source_path,
        max(fiscal_year * 100 + period_months) filter (where measure = 'actual') as source_as_of

    from ledger
    group by source_path

),

with_account as (

    select
        ledger.*,
        coalesce(printed.account_key, statutory.account_key, 'unknown') as account_key

    from ledger
    left join account_matches as printed
        on ledger.municipality = printed.municipality
        and ledger.table_kind = printed.table_kind
        and printed.match_key = {{ label_match_key('ledger.line_item') }}
    left join account_matches as statutory
        on statutory.municipality is null
        and ledger.table_kind = statutory.table_kind
        and statutory.match_key = {{ label_match_key('ledger.line_item') }}

),

final as (

    select
        with_account.municipality,
        with_account.committee,
        coalesce(
            service_area_matches.service_area_key,
            {{ slugify('with_account.municipality') }} || '__' || {{ slugify('with_account.section') }}
        ) as service_area_key,
        service_area_matches.service_area_key is not null as is_seeded_section,
        with_account.section,
        with_account.section_level,
        with_account.table_kind,
        with_account.account_key,
        with_account.line_item,
        with_account.line_order,
        with_account.measure,
        with_account.fiscal_year,
        with_account.period_months,
        with_account.amount,
        with_account.unit,
        with_account.precision,
        with_account.printed_text,
        with_account.source_kind,
        with_account.source_path,
        with_account.source_sha256,
        with_account.source_line,
        with_account.loaded_at,
        coalesce(source_periods.source_as_of, 0) as source_as_of

    from with_account
    left join source_periods on with_account.source_path = source_periods.source_path
    -- the section as the document's year knew it (a prev-year column is printed under this year's names)
    left join service_area_matches
        on with_account.municipality = service_area_matches.municipality
        and {{ label_match_key('with_account.section') }} = service_area_matches.match_key
        and coalesce(cast(floor(source_periods.source_as_of / 100) as integer), with_account.fiscal_year)
        between service_area_matches.valid_from_year and service_area_matches.valid_to_year

)

select * from final
