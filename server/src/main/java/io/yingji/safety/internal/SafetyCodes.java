package io.yingji.safety.internal;

import io.yingji.access.CallerContext;
import io.yingji.access.ScopeColumns;
import io.yingji.access.ScopedQueries;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.hazard.HazardChanged;
import io.yingji.hazard.HazardWorkflow;
import io.yingji.risk.RiskAssessed;
import io.yingji.risk.RiskRegister;
import io.yingji.safety.SafetyCode;
import io.yingji.shared.RegionCode;
import io.yingji.shared.UtcTimestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code safety_code} current: listens to risk assessments and hazard steps (after their
 * transaction commits, through the event publication registry, so a crash retries) and recomputes
 * the code of the enterprise concerned.
 */
@Service
class SafetyCodes {

    static final ScopeColumns COLUMNS = new ScopeColumns("s.region_code", "s.industry", "s.enterprise_id");

    record Stored(long enterpriseId, String code, List<SafetyCode.Reason> reasons, Instant computedAt) {
    }

    private final JdbcClient jdbc;
    private final ScopedQueries scoped;
    private final EnterpriseRegistry enterprises;
    private final RiskRegister risks;
    private final HazardWorkflow hazards;
    private final io.yingji.monitoring.AlarmBoard alarms;
    private final CallerContext callers;
    private final JsonMapper json;
    private final Clock clock;

    SafetyCodes(JdbcClient jdbc, ScopedQueries scoped, EnterpriseRegistry enterprises, RiskRegister risks,
                HazardWorkflow hazards, CallerContext callers, JsonMapper json, Clock clock,
                io.yingji.monitoring.AlarmBoard alarms) {
        this.alarms = alarms;
        this.jdbc = jdbc;
        this.scoped = scoped;
        this.enterprises = enterprises;
        this.risks = risks;
        this.hazards = hazards;
        this.callers = callers;
        this.json = json;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(RiskAssessed event) {
        recompute(event.enterpriseId());
    }

    @ApplicationModuleListener
    void on(io.yingji.monitoring.AlarmChanged event) {
        if (event.enterpriseId() != null) {
            recompute(event.enterpriseId());
        }
    }

    @ApplicationModuleListener
    void on(HazardChanged event) {
        if (event.enterpriseId() != null) {
            recompute(event.enterpriseId());
        }
    }

    /**
     * Computes and stores the enterprise's code. Events for one enterprise may be handled at the same
     * time on several threads (or instances): the row is created if missing and then locked, so each
     * computation reads the state after the previous one and the last write is the freshest.
     */
    SafetyCode.Result recompute(long enterpriseId) {
        return callers.runAsSystem(() -> {
            Enterprise enterprise = enterprises.find(enterpriseId).orElseThrow();
            jdbc.sql("""
                    insert into safety_code (enterprise_id, region_code, industry, code, reasons, computed_at)
                    values (:id, :region, :industry, 'GREEN', '[]', :at) on conflict do nothing""")
                    .param("id", enterpriseId).param("region", enterprise.regionCode())
                    .param("industry", enterprise.industry().name()).param("at", UtcTimestamps.of(clock.instant()))
                    .update();
            jdbc.sql("select enterprise_id from safety_code where enterprise_id = :id for update").param("id", enterpriseId)
                    .query(Long.class).single();
            SafetyCode.Result result = SafetyCode.of(risks.levelOf(enterpriseId).orElse(null), hazards.standingOf(enterpriseId),
                    alarms.standingOf(enterpriseId));
            jdbc.sql("""
                    update safety_code set region_code = :region, industry = :industry, code = :code, reasons = :reasons,
                        computed_at = :at where enterprise_id = :id""")
                    .param("region", enterprise.regionCode()).param("industry", enterprise.industry().name())
                    .param("code", result.colour().name()).param("reasons", json.writeValueAsString(result.reasons()))
                    .param("at", UtcTimestamps.of(clock.instant())).param("id", enterpriseId)
                    .update();
            return result;
        });
    }

    Optional<Stored> ofVisible(long enterpriseId) {
        return scoped.sql("select * from safety_code s where {scope} and s.enterprise_id = :id", COLUMNS)
                .param("id", enterpriseId)
                .query((rs, n) -> new Stored(rs.getLong("enterprise_id"), rs.getString("code"),
                        json.readValue(rs.getString("reasons"), new TypeReference<List<SafetyCode.Reason>>() { }),
                        UtcTimestamps.read(rs, "computed_at")))
                .optional();
    }

    /** The codes in scope that are not green (an enterprise without a stored code is green). */
    Map<Long, String> notGreen(@Nullable String regionCode) {
        var select = scoped.sql("select s.enterprise_id, s.code from safety_code s where {scope} and s.code <> 'GREEN'"
                + (regionCode == null ? "" : " and s.region_code like :region"), COLUMNS);
        if (regionCode != null) {
            select.param("region", RegionCode.of(regionCode).subtreeLikePattern());
        }
        Map<Long, String> codes = new LinkedHashMap<>();
        select.query(rs -> {
            codes.put(rs.getLong("enterprise_id"), rs.getString("code"));
        });
        return codes;
    }
}
