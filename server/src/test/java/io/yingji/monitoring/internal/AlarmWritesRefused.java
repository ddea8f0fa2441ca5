package io.yingji.monitoring.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL refusing to write any alarm of one device, as a database failing for a while would (a
 * trigger on {@code alarm} that raises while the device is listed), until {@link #lift} or close.
 */
final class AlarmWritesRefused implements AutoCloseable {

    private final JdbcClient jdbc;
    private final long deviceId;

    private AlarmWritesRefused(JdbcClient jdbc, long deviceId) {
        this.jdbc = jdbc;
        this.deviceId = deviceId;
    }

    static AlarmWritesRefused forDevice(JdbcClient jdbc, long deviceId) {
        jdbc.sql("create table if not exists it_alarm_refused (device_id bigint primary key)").update();
        jdbc.sql("""
                create or replace function it_refuse_alarm() returns trigger language plpgsql as $$
                begin
                  if exists (select 1 from it_alarm_refused r where r.device_id = new.device_id) then
                    raise exception 'alarm writes of device % refused for the test', new.device_id;
                  end if;
                  return new;
                end $$""").update();
        jdbc.sql("drop trigger if exists it_refuse_alarm on alarm").update();
        jdbc.sql("create trigger it_refuse_alarm before insert or update on alarm for each row execute function it_refuse_alarm()").update();
        jdbc.sql("insert into it_alarm_refused (device_id) values (:d) on conflict do nothing").param("d", deviceId).update();
        return new AlarmWritesRefused(jdbc, deviceId);
    }

    /** The database takes the device's alarms again. */
    void lift() {
        jdbc.sql("delete from it_alarm_refused where device_id = :d").param("d", deviceId).update();
    }

    @Override
    public void close() {
        lift();
        jdbc.sql("drop trigger if exists it_refuse_alarm on alarm").update();
    }
}
