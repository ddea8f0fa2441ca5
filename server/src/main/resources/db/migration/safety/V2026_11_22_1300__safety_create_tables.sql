-- Each enterprise's safety code (安全码 红/黄/绿) with the reasons it was given, recomputed when an input changes.
create table safety_code (
    enterprise_id bigint       not null primary key references enterprise (id),
    region_code   varchar(12)  not null,
    industry      varchar(32)  not null,
    code          varchar(8)   not null check (code in ('RED', 'YELLOW', 'GREEN')),
    reasons       varchar(2000) not null,
    computed_at   timestamp with time zone not null
);
create index safety_code_region_idx on safety_code (region_code);
