package io.yingji.monitoring.internal;

import io.yingji.shared.UtcTimestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When each device last reported. Kept in memory and written every few seconds (one update per device
 * that reported, not one per reading): the offline check allows at least twice a device's interval,
 * which is far longer.
 */
@Component
class LastSeen {

    private final JdbcClient jdbc;
    private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

    LastSeen(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void touch(long deviceId, Instant at) {
        pending.merge(deviceId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(fixedDelayString = "${yingji.monitoring.last-seen-flush:PT5S}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, Instant> batch = new HashMap<>();
        for (Long id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        batch.forEach((id, at) -> jdbc.sql("""
                update device set last_seen_at = :at where id = :id and (last_seen_at is null or last_seen_at < :at)""")
                .param("at", UtcTimestamps.of(at)).param("id", id).update());
    }
}
