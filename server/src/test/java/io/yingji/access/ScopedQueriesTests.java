package io.yingji.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yingji.shared.Industry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopedQueriesTests {

    private static final ScopeColumns ENTERPRISE = new ScopeColumns("e.region_code", "e.industry", "e.id");

    @Test
    void systemScopeAddsNoCondition() {
        Map<String, Object> params = new HashMap<>();
        assertThat(ScopedQueries.predicate(ENTERPRISE, DataScope.SYSTEM, params)).isEqualTo("(1 = 1)");
        assertThat(params).isEmpty();
    }

    @Test
    void limitsToTheRegionSubtreeAndTheDepartmentsIndustries() {
        Map<String, Object> params = new HashMap<>();
        String predicate = ScopedQueries.predicate(ENTERPRISE,
                new DataScope("330105", Set.of(Industry.CONSTRUCTION), null), params);
        assertThat(predicate).isEqualTo("(1 = 1 and e.region_code like :scopeRegion and e.industry in (:scopeIndustries))");
        assertThat(params).containsEntry("scopeRegion", "330105%").containsEntry("scopeIndustries", List.of("CONSTRUCTION"));
    }

    @Test
    void enterpriseAccountsSeeTheirOwnRowsAndNothingOfTablesWithoutEnterprise() {
        DataScope qiye = new DataScope("330105005", Set.of(), 42L);
        Map<String, Object> params = new HashMap<>();
        assertThat(ScopedQueries.predicate(ENTERPRISE, qiye, params)).contains("e.id = :scopeEnterprise");
        assertThat(params).containsEntry("scopeEnterprise", 42L);
        assertThat(ScopedQueries.predicate(ScopeColumns.region("a.region_code"), qiye, new HashMap<>())).contains("1 = 0");
    }

    @Test
    void aQueryWithoutTheScopeMarkerIsRefused() {
        ScopedQueries scoped = new ScopedQueries(null, new CallerContext());
        assertThatThrownBy(() -> scoped.sql("select * from enterprise e", ENTERPRISE, DataScope.SYSTEM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{scope}");
    }

    @Test
    void withoutACallerTheScopeIsEmpty() {
        assertThat(new CallerContext().scope()).isEqualTo(DataScope.NOTHING);
        assertThat(DataScope.NOTHING.covers("330105", Industry.TRADE, 1L)).isFalse();
    }

    @Test
    void coversChecksRegionIndustryAndEnterprise() {
        DataScope construction = new DataScope("330105", Set.of(Industry.CONSTRUCTION), null);
        assertThat(construction.covers("330105001", Industry.CONSTRUCTION, 7L)).isTrue();
        assertThat(construction.covers("330105001", Industry.CHEMICAL, 7L)).isFalse();
        assertThat(construction.covers("330106002", Industry.CONSTRUCTION, 7L)).isFalse();
        DataScope qiye = new DataScope("330105005", Set.of(), 7L);
        assertThat(qiye.covers("330105005", Industry.CHEMICAL, 7L)).isTrue();
        assertThat(qiye.covers("330105005", Industry.CHEMICAL, 8L)).isFalse();
    }
}
