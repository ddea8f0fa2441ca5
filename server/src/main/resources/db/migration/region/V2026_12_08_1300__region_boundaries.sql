-- Region outlines a bureau has loaded (POST /api/regions/boundaries, GeoJSON). One per region; a new import of
-- the same region replaces it. Where a region has none, maps draw its bounding box and say it is approximate.
create table region_boundary (
    code        varchar(12)  not null primary key references region (code),
    -- a GeoJSON Polygon or MultiPolygon (WGS-84 longitude, latitude), validated on import
    geometry    varchar      not null,
    -- the file it came from, for whoever wonders where an outline was drawn
    source      varchar(255) not null,
    imported_by varchar(64)  not null,
    imported_at timestamp with time zone not null
);

-- Loading boundaries: the administrator anywhere, a bureau for its own region and those below it.
insert into role_permission (role_code, permission) values ('ADMIN', 'region:manage'), ('BUREAU', 'region:manage');
