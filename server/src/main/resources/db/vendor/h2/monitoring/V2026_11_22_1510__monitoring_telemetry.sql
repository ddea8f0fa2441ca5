-- Readings (the embedded database has no partitions; retention deletes old rows).
create table telemetry (
    device_id bigint           not null,
    metric    varchar(32)      not null,
    ts        timestamp with time zone not null,
    -- "value" is a reserved word in H2
    val       double precision not null,
    primary key (device_id, metric, ts)
);
