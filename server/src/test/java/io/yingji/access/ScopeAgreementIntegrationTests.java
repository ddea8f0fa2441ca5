package io.yingji.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import io.yingji.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The in-memory scope check ({@link DataScope#covers}) and the SQL one ({@link ScopedQueries}) decide
 * alike on the same records in PostgreSQL: every combination of region (inside, outside, none),
 * industry (none, the department's, another) and enterprise (none, the account's, another), for the
 * scopes of every kind of caller and for tables with and without industry and enterprise columns.
 */
@IntegrationTest
class ScopeAgreementIntegrationTests {

    private static final long OWN = 900_001L;
    private static final long OTHER = 900_002L;

    record Probe(long id, @Nullable String region, @Nullable Industry industry, @Nullable Long enterprise) {
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScopedQueries scoped;

    private final String table = "scope_probe_" + UUID.randomUUID().toString().replace("-", "");
    private final List<Probe> probes = new ArrayList<>();

    @BeforeEach
    void insertEveryCombination() {
        jdbc.sql("create table " + table + " (id bigint primary key, region_code varchar(12), industry varchar(32), enterprise_id bigint)")
                .update();
        long id = 0;
        for (String region : Arrays.asList("330105001055", "330105002", "330106002", "330105", null)) {
            for (Industry industry : Arrays.asList(null, Industry.CONSTRUCTION, Industry.CHEMICAL)) {
                for (Long enterprise : Arrays.asList(null, OWN, OTHER)) {
                    Probe probe = new Probe(++id, region, industry, enterprise);
                    probes.add(probe);
                    jdbc.sql("insert into " + table + " values (:id, :region, :industry, :enterprise)")
                            .param("id", probe.id()).param("region", region)
                            .param("industry", industry == null ? null : industry.name()).param("enterprise", enterprise)
                            .update();
                }
            }
        }
    }

    /** The scope of a caller sitting at the region, as {@link Caller#scope()} builds it. */
    private static DataScope scope(String region, Set<Industry> industries, @Nullable Long enterprise) {
        return new DataScope(RegionCode.of(region).subtreePrefix(), industries, enterprise);
    }

    @AfterEach
    void drop() {
        jdbc.sql("drop table " + table).update();
    }

    @Test
    void sqlAndMemoryAgreeOnEveryRecordForEveryKindOfCallerAndTable() {
        Map<String, DataScope> scopes = Map.of(
                "system", DataScope.SYSTEM,
                "city bureau", scope("330100", Set.of(), null),
                "district bureau", scope("330105", Set.of(), null),
                "township", scope("330105001", Set.of(), null),
                "construction department", scope("330105", Set.of(Industry.CONSTRUCTION), null),
                "two-industry department", scope("330105", Set.of(Industry.CONSTRUCTION, Industry.TRANSPORT), null),
                "enterprise account", scope("330105001", Set.of(), OWN),
                "nobody", DataScope.NOTHING);
        Map<String, ScopeColumns> tables = Map.of(
                "region, industry and enterprise", new ScopeColumns("p.region_code", "p.industry", "p.enterprise_id"),
                "region only", ScopeColumns.region("p.region_code"),
                "region and enterprise", new ScopeColumns("p.region_code", null, "p.enterprise_id"),
                "region and industry", new ScopeColumns("p.region_code", "p.industry", null));
        int compared = 0;
        for (var scope : scopes.entrySet()) {
            for (var columns : tables.entrySet()) {
                Set<Long> bySql = new TreeSet<>(scoped.sql("select p.id from " + table + " p where {scope}", columns.getValue(), scope.getValue())
                        .query(Long.class).list());
                for (Probe probe : probes) {
                    boolean inMemory = scope.getValue().covers(columns.getValue(), probe.region(), probe.industry(), probe.enterprise());
                    assertThat(inMemory).as("%s on a table with %s: %s", scope.getKey(), columns.getKey(), probe)
                            .isEqualTo(bySql.contains(probe.id()));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(scopes.size() * tables.size() * probes.size());
    }

    @Test
    void theThreeAttributeCheckIsTheOneOfATableWithEveryColumn() {
        DataScope construction = scope("330105", Set.of(Industry.CONSTRUCTION), null);
        Set<Long> bySql = new TreeSet<>(scoped.sql("select p.id from " + table + " p where {scope}",
                new ScopeColumns("p.region_code", "p.industry", "p.enterprise_id"), construction).query(Long.class).list());
        Set<Long> inMemory = new TreeSet<>();
        for (Probe probe : probes) {
            if (construction.covers(probe.region(), probe.industry(), probe.enterprise())) {
                inMemory.add(probe.id());
            }
        }
        assertThat(inMemory).isEqualTo(bySql);
        // what an industry department sees: its industry in its district, never a record without industry
        assertThat(probes).filteredOn(p -> bySql.contains(p.id()))
                .isNotEmpty()
                .allMatch(p -> p.industry() == Industry.CONSTRUCTION && p.region() != null && p.region().startsWith("330105"));
    }
}
