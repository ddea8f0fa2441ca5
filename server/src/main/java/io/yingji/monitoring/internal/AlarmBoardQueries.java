package io.yingji.monitoring.internal;

import io.yingji.access.ScopedQueries;
import io.yingji.monitoring.AlarmBoard;
import io.yingji.shared.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class AlarmBoardQueries implements AlarmBoard {

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;

    AlarmBoardQueries(JdbcClient jdbc, ScopedQueries scoped) {
        this.jdbc = jdbc;
        this.scoped = scoped;
    }

    @Override
    public Standing standingOf(long enterpriseId) {
        return jdbc.sql("""
                select coalesce(sum(case when level = 2 and status in ('RAISED', 'ACKNOWLEDGED') then 1 else 0 end), 0) as high,
                       count(*) as open
                  from alarm where enterprise_id = :id and open_key is not null""")
                .param("id", enterpriseId)
                .query((rs, n) -> new Standing(rs.getInt("high"), rs.getInt("open"))).single();
    }

    @Override
    public long openIn(RegionCode region) {
        return scoped.sql("select count(*) from alarm a where {scope} and a.open_key is not null and a.region_code like :region",
                        Alarms.COLUMNS)
                .param("region", region.subtreeLikePattern()).query(Long.class).single();
    }
}
