with

account_lines as (

    select * from {{ ref('int_account_lines') }}

),

account_labels as (

    select * from {{ ref('account_labels') }}

),

ktas_line_codes as (

    select * from {{ ref('ktas_line_codes') }}

),

-- the names come from the State Treasury's own file, the only home of KTAS names
ktas_line_items as (

    select * from {{ ref('ktas_line_items') }}

),

ktas as (

    select
        ktas_line_codes.line_code,
        ktas_line_codes.ktas_code,
        ktas_line_items.name_fi,
        ktas_line_items.name_en
    from ktas_line_codes
    inner join ktas_line_items
        on ktas_line_codes.ktas_code = ktas_line_items.indicator_code_current_budget

),

labels as (

    select
        line_code,
        {{ sorted_list('printed_label', distinct=true) }} as printed_labels
    from account_labels
    group by line_code

),

final as (

    select
        cast(account_lines.account_key as string) as account_key,
        cast(account_lines.line_name as string) as line_name,
        cast(account_lines.line_name_en as string) as line_name_en,
        cast(account_lines.line_order as integer) as line_order,
        cast(account_lines.sign as integer) as sign,
        cast(account_lines.parent_key as string) as parent_key,
        cast(account_lines.is_subtotal as boolean) as is_subtotal,
        cast(account_lines.line_depth as integer) as line_depth,
        cast(account_lines.table_kind as string) as table_kind,
        cast(coalesce(labels.printed_labels, {{ empty_text_list() }}) as {{ text_list_type() }}) as printed_labels,
        cast(ktas.ktas_code as string) as ktas_code,
        cast(ktas.name_fi as string) as ktas_name_fi,
        cast(ktas.name_en as string) as ktas_name_en

    from account_lines
    left join labels on account_lines.account_key = labels.line_code
    left join ktas on account_lines.account_key = ktas.line_code

)

select * from final
