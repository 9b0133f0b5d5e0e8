-- Every label that resolves to a line: the labels each municipality prints (seed), the statutory names and the
-- budget vocabulary's names for them (seed ktas_line_items).
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

-- the budget vocabulary (State Treasury KTAS: Toimintatulot, Henkilöstömenot, …) through each name's
-- income-statement synonym; names that are the same in both vocabularies are already statutory
ktas_line_items as (

    select * from {{ ref('ktas_line_items') }}

),

budget_vocabulary as (

    select distinct
        cast(null as varchar) as municipality,
        account_lines.table_kind,
        {{ label_match_key('ktas_line_items.name_fi') }} as match_key,
        account_lines.account_key

    from ktas_line_items
    inner join account_lines
        on account_lines.table_kind = 'income_statement'
        and {{ label_match_key('account_lines.line_name') }}
        = {{ label_match_key('ktas_line_items.income_statement_synonym_fi') }}
    where {{ label_match_key('ktas_line_items.name_fi') }}
        != {{ label_match_key('ktas_line_items.income_statement_synonym_fi') }}

),

final as (

    select * from printed
    union all
    select * from statutory
    union all
    select * from budget_vocabulary

)

select * from final
