-- The statutory income-statement lines and the investment lines in one list, with each line's depth in the
-- subtotal tree (the top subtotal is depth 0), so subtotals can be rolled up from the deepest lines upwards.
with

income_statement_lines as (

    select
        *,
        'income_statement' as table_kind
    from {{ ref('income_statement_lines') }}

),

investment_lines as (

    select
        *,
        'investments' as table_kind
    from {{ ref('investment_lines') }}

),

lines as (

    select * from income_statement_lines
    union all
    select * from investment_lines

),

depths as (

    with recursive tree as (
        select
            line_code,
            0 as line_depth
        from lines
        where parent_code is null
        union all
        select
            child.line_code,
            tree.line_depth + 1 as line_depth
        from lines as child
        inner join tree on child.parent_code = tree.line_code
    )

    select * from tree

),

known as (

    select
        lines.line_code as account_key,
        lines.line_name,
        lines.line_name_en,
        lines.line_order,
        lines.sign,
        lines.parent_code as parent_key,
        lines.is_subtotal,
        lines.table_kind,
        depths.line_depth

    from lines
    inner join depths on lines.line_code = depths.line_code

),

-- postings on an account no mapping knows land here, visibly, instead of being dropped
final as (

    select * from known
    union all
    select
        'unknown' as account_key,
        'Tuntematon tili' as line_name,
        'Unknown account' as line_name_en,
        999 as line_order,
        0 as sign,
        null as parent_key,
        false as is_subtotal,
        'income_statement' as table_kind,
        0 as line_depth

)

select * from final
