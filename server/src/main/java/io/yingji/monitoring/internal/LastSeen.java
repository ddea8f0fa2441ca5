package io.yingji.monitoring.internal;

import io.yingji.shared.UtcTimestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When each device last reported. Kept in memory and written every few seconds (one batched update of the devices
 * that reported, not one per reading): the offline check allows at least twice a device's interval,
 * which is far longer.
 */
@Component
class LastSeen {

    private final JdbcTemplate jdbc;
    private final Map<Long, Instant> pending = new ConcurrentHashMap<>();

    LastSeen(JdbcTemplate jdbc) {
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
        // one JDBC batch: a single round trip however many devices reported
        List<Object[]> rows = new ArrayList<>(batch.size());
        batch.forEach((id, at) -> rows.add(new Object[] {UtcTimestamps.of(at), id, UtcTimestamps.of(at)}));
        jdbc.batchUpdate("update device set last_seen_at = ? where id = ? and (last_seen_at is null or last_seen_at < ?)", rows);
    }
}
