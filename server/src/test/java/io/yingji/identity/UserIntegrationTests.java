package io.yingji.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserIntegrationTests extends ApiTest {

    private static Map<String, Object> township(String username, String regionCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", "Anquan2026");
        body.put("displayName", "湖墅街道应急管理站 测试员");
        body.put("regionCode", regionCode);
        body.put("roles", List.of("TOWNSHIP"));
        return body;
    }

    private long users() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    @Test
    void aDistrictBureauListsOnlyTheAccountsOfItsDistrict() {
        Response page = api.get("gongshu", "/api/users");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("content").valueStream().map(u -> u.path("regionCode").asString()))
                .isNotEmpty().allMatch(code -> code.startsWith("330105"));
        long xihu = jdbc.sql("select id from app_user where username = 'xihu'").query(Long.class).single();
        assertThat(api.get("gongshu", "/api/users/" + xihu).status()).isEqualTo(404);
        assertThat(api.get("hangzhou", "/api/users/" + xihu).status()).isEqualTo(200);
        assertThat(api.get("qiye", "/api/users").status()).isEqualTo(403);
    }

    @Test
    void aDistrictBureauCreatesTownshipAccountsInItsDistrictOnly() {
        Response created = api.post("gongshu", "/api/users", township("hushu01", "330105002"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("roles").get(0).asString()).isEqualTo("TOWNSHIP");
        assertThat(api.login("hushu01", "Anquan2026").status()).isEqualTo(200);

        long before = users();
        assertThat(api.post("gongshu", "/api/users", township("xihu01", "330106002")).status()).isEqualTo(403);
        Map<String, Object> admin = township("sneaky", "330105");
        admin.put("roles", List.of("ADMIN"));
        assertThat(api.post("gongshu", "/api/users", admin).status()).isEqualTo(403);
        assertThat(api.post("wangge", "/api/users", township("grid02", "330105001055")).status()).isEqualTo(403);
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void badAccountsAreRefusedWithEveryReason() {
        long before = users();
        Map<String, Object> body = township("X", "330105002");
        body.put("password", "short");
        body.put("roles", List.of("KING"));
        body.put("mobile", "12345");
        Response response = api.post("gongshu", "/api/users", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("username", "password", "roles", "mobile");
        Response taken = api.post("gongshu", "/api/users", township("gongshu", "330105002"));
        assertThat(taken.detail()).isEqualTo("用户名“gongshu”已被使用");
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void anEnterpriseAccountForAnotherDistrictsEnterpriseIsAnsweredLikeAMissingOne() {
        long xihuEnterprise = jdbc.sql("select min(id) from enterprise where region_code like '330106%'").query(Long.class).single();
        Map<String, Object> body = township("qiye02", "330105");
        body.put("roles", List.of("ENTERPRISE"));
        body.put("enterpriseId", xihuEnterprise);
        Response foreign = api.post("gongshu", "/api/users", body);
        body.put("username", "qiye03");
        body.put("enterpriseId", 987_654_321L);
        Response missing = api.post("gongshu", "/api/users", body);
        // another district's enterprise is answered exactly like one that does not exist (no existence oracle)
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.detail().replace(String.valueOf(xihuEnterprise), "#"))
                .isEqualTo(missing.detail().replace("987654321", "#"));
        assertThat(count("select count(*) from app_user where username in ('qiye02', 'qiye03')")).isZero();
    }

    @Test
    void departmentsAndRolesAreListed() {
        Response departments = api.get("gongshu", "/api/departments");
        assertThat(departments.body().valueStream().map(d -> d.path("name").asString()))
                .contains("拱墅区应急管理局", "拱墅区住房和城乡建设局", "米市巷街道应急管理站")
                .doesNotContain("西湖区应急管理局", "杭州市应急管理局");
        Response roles = api.get("gongshu", "/api/roles");
        assertThat(roles.body().valueStream().map(r -> r.path("code").asString())).contains("BUREAU", "ENTERPRISE", "GRID");
    }

    private static int serial;

    /** A username no other test uses, so each call creates a fresh account. */
    private static String fresh(String prefix) {
        return (prefix + "-" + Long.toString(System.nanoTime(), 36) + (serial++)).toLowerCase();
    }

    /** An account of one role in the given region, with the enterprise an enterprise account needs. */
    private Map<String, Object> account(String role, String regionCode) {
        Map<String, Object> body = township(fresh(role.substring(0, 3)), regionCode);
        body.put("roles", List.of(role));
        if (role.equals("ENTERPRISE")) {
            body.put("enterpriseId", jdbc.sql("select min(id) from enterprise where region_code like :r")
                    .param("r", regionCode + "%").query(Long.class).single());
        }
        return body;
    }

    private long department(String name) {
        return jdbc.sql("select id from department where name = :n").param("n", name).query(Long.class).single();
    }

    @ParameterizedTest(name = "{0} granting {1} answers {2}")
    @CsvSource({
            "gongshu, ADMIN, 403", "gongshu, AUDITOR, 403", "gongshu, BUREAU, 201", "gongshu, TOWNSHIP, 201",
            "gongshu, GRID, 201", "gongshu, DEPARTMENT, 201", "gongshu, ENTERPRISE, 201",
            "hangzhou, ADMIN, 403", "hangzhou, AUDITOR, 403", "hangzhou, BUREAU, 201", "hangzhou, TOWNSHIP, 201",
            "hangzhou, GRID, 201", "hangzhou, DEPARTMENT, 201", "hangzhou, ENTERPRISE, 201",
            "admin, ADMIN, 201", "admin, AUDITOR, 201", "admin, BUREAU, 201", "admin, TOWNSHIP, 201",
            "admin, GRID, 201", "admin, DEPARTMENT, 201", "admin, ENTERPRISE, 201"})
    void anAdministratorGrantsOnlyRolesWhosePermissionsItHoldsItself(String administrator, String role, int status) {
        long before = users();
        Map<String, Object> body = account(role, "330105");
        Response response = api.post(administrator, "/api/users", body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        if (status == 403) {
            assertThat(response.detail()).isEqualTo("您不能授予超出自身权限的角色：" + role);
            assertThat(users()).isEqualTo(before);
            assertThat(api.login((String) body.get("username"), "Anquan2026").status()).isEqualTo(401);
        } else {
            assertThat(response.body().path("roles").valueStream().map(r -> r.asString())).containsExactly(role);
            assertThat(users()).isEqualTo(before + 1);
        }
    }

    @Test
    void aRoleBeyondTheAdministratorsPowerIsRefusedEvenBesideGrantableOnesAndInEnglish() {
        long before = users();
        Map<String, Object> body = account("TOWNSHIP", "330105");
        body.put("roles", List.of("TOWNSHIP", "AUDITOR"));
        Response response = api.send(org.springframework.http.HttpMethod.POST, "/api/users", api.token("gongshu"), body,
                Map.of("Accept-Language", "en"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.detail()).isEqualTo("You may not grant roles with permissions you do not hold yourself: AUDITOR");
        assertThat(users()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} placing an account in {1} answers {2}")
    @CsvSource({
            "gongshu, 拱墅区应急管理局, 201", "gongshu, 米市巷街道应急管理站, 201", "gongshu, 拱墅区住房和城乡建设局, 201",
            "gongshu, 西湖区应急管理局, 404", "gongshu, 杭州市应急管理局, 404", "gongshu, 杭州市交通运输局, 404",
            "xihu, 拱墅区应急管理局, 404", "xihu, 西湖区应急管理局, 201",
            "hangzhou, 西湖区应急管理局, 201", "hangzhou, 杭州市交通运输局, 201", "hangzhou, 浙江省应急管理厅, 404"})
    void anAccountIsPlacedOnlyInADepartmentTheAdministratorCanSee(String administrator, String departmentName, int status) {
        long before = users();
        long department = department(departmentName);
        String region = jdbc.sql("select region_code from app_user where username = :u").param("u", administrator)
                .query(String.class).single();
        Map<String, Object> body = account("TOWNSHIP", region);
        body.put("departmentId", department);
        Response response = api.post(administrator, "/api/users", body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        if (status == 404) {
            // the same answer as for a department that does not exist: no oracle for other districts' departments
            long missing = jdbc.sql("select max(id) + 1000 from department").query(Long.class).single();
            body.put("departmentId", missing);
            Response unknown = api.post(administrator, "/api/users", body);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(response.detail()).isEqualTo(unknown.detail().replace(String.valueOf(missing), String.valueOf(department)));
            assertThat(users()).isEqualTo(before);
        } else {
            assertThat(response.body().path("departmentId").asLong()).isEqualTo(department);
            assertThat(users()).isEqualTo(before + 1);
        }
    }

    private Map<String, java.util.Set<String>> rolePermissionRows() {
        Map<String, java.util.Set<String>> rows = new java.util.TreeMap<>();
        jdbc.sql("select role_code, permission from role_permission").query((rs, n) -> rows
                .computeIfAbsent(rs.getString("role_code"), r -> new java.util.TreeSet<>()).add(rs.getString("permission"))).list();
        return rows;
    }

    @Test
    void theAuditorHoldsEveryReadPermissionThereIsAndNothingElse() {
        java.util.Set<String> reads = new java.util.TreeSet<>(jdbc.sql("select distinct permission from role_permission where permission like '%:read'")
                .query(String.class).list());
        assertThat(reads).contains("audit:read", "enterprise:read", "risk:read", "hazard:read", "monitoring:read", "warning:read", "user:read");
        assertThat(rolePermissionRows().get("AUDITOR")).isEqualTo(reads);
        Response roles = api.get("shenji", "/api/roles");
        assertThat(roles.body().valueStream().filter(r -> r.path("code").asString().equals("AUDITOR")).findFirst().orElseThrow()
                .path("permissions").valueStream().map(p -> p.asString())).containsExactlyElementsOf(reads);
    }

    @Test
    void thePermissionTableOfTheDataScopeDocumentIsTheRolePermissionRows() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/data-scope.md"));
        String section = doc.substring(doc.indexOf("## Permissions"));
        Map<String, java.util.Set<String>> documented = new java.util.TreeMap<>();
        for (String line : section.lines().toList()) {
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("^\\| ([A-Z]+) \\| [^|]+ \\| ([^|]+) \\|$").matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), new java.util.TreeSet<>(List.of(row.group(2).strip().split(",\\s*"))));
            }
        }
        assertThat(documented).isEqualTo(rolePermissionRows());
    }
}
