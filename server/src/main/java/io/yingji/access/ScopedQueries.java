package io.yingji.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way modules read scoped tables. A query names where the scope goes with the
 * {@value #MARKER} marker in its WHERE clause; this class replaces it with the current caller's
 * region, industry and enterprise predicates and binds their parameters. A query without the marker
 * is a programming error and fails at once, so a repository cannot silently forget the scope.
 *
 * <pre>{@code
 * scoped.sql("select * from enterprise e where {scope} and e.id = :id", COLUMNS).param("id", id)
 * }</pre>
 */
@Component
public class ScopedQueries {

    public static final String MARKER = "{scope}";

    private final JdbcClient jdbc;
    private final CallerContext callers;

    ScopedQueries(JdbcClient jdbc, CallerContext callers) {
        this.jdbc = jdbc;
        this.callers = callers;
    }

    /** A statement limited to the current caller's scope. */
    public JdbcClient.StatementSpec sql(String sql, ScopeColumns columns) {
        return sql(sql, columns, callers.scope());
    }

    /** A statement limited to an explicit scope (for jobs that act for a given user or region). */
    public JdbcClient.StatementSpec sql(String sql, ScopeColumns columns, DataScope scope) {
        if (!sql.contains(MARKER)) {
            throw new IllegalArgumentException("A scoped query must contain " + MARKER + ": " + sql);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String predicate = predicate(columns, scope, params);
        JdbcClient.StatementSpec spec = jdbc.sql(sql.replace(MARKER, predicate));
        params.forEach(spec::param);
        return spec;
    }

    /**
     * The scope as SQL; {@link DataScope#covers(ScopeColumns, String, io.yingji.shared.Industry, Long)} is
     * its in-memory twin, clause by clause, and must stay so (ScopeAgreementIntegrationTests compares them).
     */
    static String predicate(ScopeColumns columns, DataScope scope, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("(1 = 1");
        if (scope.regionPrefix() != null) {
            where.append(" and ").append(columns.region()).append(" like :scopeRegion");
            params.put("scopeRegion", scope.regionPrefix() + "%");
        }
        if (scope.restrictsIndustry(columns)) {
            where.append(" and ").append(columns.industry()).append(" in (:scopeIndustries)");
            params.put("scopeIndustries", scope.industries().stream().map(Enum::name).collect(Collectors.toList()));
        }
        if (scope.enterpriseId() != null) {
            if (columns.enterpriseId() == null) {
                // an enterprise account sees nothing of a table that does not belong to enterprises
                where.append(" and 1 = 0");
            } else {
                where.append(" and ").append(columns.enterpriseId()).append(" = :scopeEnterprise");
                params.put("scopeEnterprise", scope.enterpriseId());
            }
        }
        return where.append(')').toString();
    }
}
