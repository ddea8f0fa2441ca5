package io.yingji.identity.internal;

import io.yingji.access.DataScope;
import io.yingji.access.ScopeColumns;
import io.yingji.identity.Recipients;
import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
class RecipientDirectory implements Recipients {

    private final JdbcClient jdbc;

    RecipientDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Long> ofEnterprise(long enterpriseId) {
        return jdbc.sql("select id from app_user where enterprise_id = :enterprise and enabled order by id")
                .param("enterprise", enterpriseId).query(Long.class).list();
    }

    @Override
    public List<Long> atRegion(RegionCode region, String permission, @Nullable Industry industry) {
        List<Long> ids = jdbc.sql("""
                select distinct u.id, d.industries
                  from app_user u
                  join user_role ur on ur.user_id = u.id
                  join role_permission rp on rp.role_code = ur.role_code and rp.permission = :permission
                  left join department d on d.id = u.department_id
                 where u.region_code = :region and u.enabled and u.enterprise_id is null""")
                .param("permission", permission).param("region", region.value())
                .query((rs, n) -> covers(rs.getString("industries"), industry) ? rs.getLong("id") : null)
                .list().stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        return ids;
    }

    /** An account's rows, one per role it holds ({@link #collect} gathers them); the caller adds the where clause. */
    private static final String ACCOUNT_ROWS = """
            select u.id, u.display_name, u.region_code, u.mobile, u.enterprise_id, ur.role_code
              from app_user u join user_role ur on ur.user_id = u.id
            """;

    @Override
    public List<Account> accountsIn(RegionCode region, java.util.Set<String> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        return collect(jdbc.sql(ACCOUNT_ROWS + """
                 where u.region_code like :region and u.enabled and ur.role_code in (:roles)
                 order by u.id""")
                .param("region", region.subtreeLikePattern()).param("roles", roles));
    }

    @Override
    public List<Account> accounts(java.util.Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return collect(jdbc.sql(ACCOUNT_ROWS + """
                 where u.id in (:ids) and u.enabled
                 order by u.id""")
                .param("ids", List.copyOf(userIds)));
    }

    @Override
    public List<Account> addressedIn(RegionCode region, java.util.Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        return collect(jdbc.sql(ACCOUNT_ROWS + """
                 where u.region_code like :region and u.enabled and (u.username in (:addresses) or u.mobile in (:addresses))
                 order by u.id""")
                .param("region", region.subtreeLikePattern()).param("addresses", List.copyOf(addresses)));
    }

    /** One account per user, its roles gathered from the rows (one per role held). */
    private static List<Account> collect(JdbcClient.StatementSpec query) {
        java.util.Map<Long, Account> found = new java.util.LinkedHashMap<>();
        query.query((java.sql.ResultSet rs) -> {
                    long id = rs.getLong("id");
                    String role = rs.getString("role_code");
                    Account known = found.get(id);
                    java.util.Set<String> held = new java.util.TreeSet<>(known == null ? java.util.Set.of() : known.roles());
                    held.add(role);
                    found.put(id, new Account(id, rs.getString("display_name"), RegionCode.of(rs.getString("region_code")), held,
                            rs.getString("mobile"), rs.getObject("enterprise_id", Long.class)));
                });
        return List.copyOf(found.values());
    }

    /**
     * Whether an account of a department supervising these industries may read a record of that
     * industry: the data scope's own rule (a bureau, with none listed, covers everything; a department
     * only its industries, never a record without industry), so nobody is told of what it cannot open.
     */
    private static boolean covers(@Nullable String industries, @Nullable Industry industry) {
        java.util.Set<Industry> supervised = industries == null || industries.isBlank() ? java.util.Set.of() : UserAccounts.industries(industries);
        return new DataScope(null, supervised, null).covers(ScopeColumns.ALL, null, industry, null);
    }
}
