-- Only the findings of each report's load that is in the warehouse now (a replaced file's findings go with it).
with

source as (

    select * from {{ source('raw', 'extract_findings') }}

),

renamed as (

    select
        load_id,
        source_path,
        source_row,
        page,
        committee,
        section,
        table_outcome,
        kind as finding_kind,
        line_item,
        column_name,
        printed,
        computed,
        difference,
        message

    from source

)

select * from renamed
