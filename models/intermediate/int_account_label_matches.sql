-- Every label that resolves to a line: the labels each municipality prints (seed) and the statutory names.
-- A municipality's own label wins over a statutory name with the same match key (see int_ledger_numbers_resolved).
with

account_lines as (

    select * from {{ ref('int_account_lines') }}

),

account_labels as (

    select * from {{ ref('account_labels') }}

),

printed as (

    select
        municipality,
        table_kind,
        {{ label_match_key('printed_label') }} as match_key,
        line_code as account_key

    from account_labels

),

statutory as (

    select
        cast(null as string) as municipality,
        table_kind,
        {{ label_match_key('line_name') }} as match_key,
        account_key

    from account_lines

),

final as (

    select * from printed
    union all
    select * from statutory

)

select * from final
