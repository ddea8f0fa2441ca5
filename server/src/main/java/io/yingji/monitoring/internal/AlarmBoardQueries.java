package io.yingji.monitoring.internal;

import io.yingji.monitoring.AlarmBoard;
import io.yingji.shared.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class AlarmBoardQueries implements AlarmBoard {

    private final JdbcClient jdbc;

    AlarmBoardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        return jdbc.sql("select count(*) from alarm where open_key is not null and region_code like :region")
                .param("region", region.subtreeLikePattern()).query(Long.class).single();
    }
}
