{#-
    A test's final select: the rows of `totals` whose printed amount differs from the sum of their `parts` (rows
    with the same `keys`) by more than rounding explains. Each printed number was rounded from cents, so the sum
    may be off by half a unit (the coarsest precision involved) per part and for the total itself. Both relations
    carry amount_eur and precision_eur.
-#}
{% macro printed_total_mismatches(totals, parts, keys) %}
select
    {%- for key in keys %}
    totals.{{ key }},
    {%- endfor %}
    totals.amount_eur as printed_total,
    parts_summed.sum_of_parts,
    parts_summed.parts

from {{ totals }} as totals
inner join (

    select
        {{ keys | join(', ') }},
        sum(amount_eur) as sum_of_parts,
        count(*) as parts,
        max(precision_eur) as precision_eur

    from {{ parts }}
    group by all

) as parts_summed
    on {% for key in keys %}{{ "\n    and " if not loop.first }}totals.{{ key }} = parts_summed.{{ key }}{% endfor %}
where abs(totals.amount_eur - parts_summed.sum_of_parts)
    > greatest(totals.precision_eur, parts_summed.precision_eur) / 2 * (parts_summed.parts + 1)
{% endmacro %}
