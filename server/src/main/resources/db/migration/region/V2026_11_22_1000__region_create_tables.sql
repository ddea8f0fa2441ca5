-- The administrative division tree. Codes are hierarchical (GB/T 2260 extended to 9 and 12 digits),
-- so a subtree is every code starting with its prefix.
create table region (
    code        varchar(12)  not null primary key,
    name        varchar(64)  not null,
    level       smallint     not null check (level between 1 and 5),
    parent_code varchar(12)  references region (code),
    min_lon     double precision,
    min_lat     double precision,
    max_lon     double precision,
    max_lat     double precision,
    boundary    varchar
);
create index region_parent_idx on region (parent_code);
