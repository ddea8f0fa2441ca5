-- Readings, partitioned by day (TelemetryPartitions creates the days ahead and drops those past
-- retention); the default partition catches readings outside the created days.
create table telemetry (
    device_id bigint           not null,
    metric    varchar(32)      not null,
    ts        timestamp with time zone not null,
    -- "value" is a reserved word in H2
    val       double precision not null,
    primary key (device_id, metric, ts)
) partition by range (ts);
create table telemetry_default partition of telemetry default;
