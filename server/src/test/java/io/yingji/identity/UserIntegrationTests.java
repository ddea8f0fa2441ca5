package io.yingji.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
        assertThat(api.post("gongshu", "/api/users", township("xihu01", "330106001")).status()).isEqualTo(403);
        Map<String, Object> admin = township("sneaky", "330105");
        admin.put("roles", List.of("ADMIN"));
        assertThat(api.post("gongshu", "/api/users", admin).status()).isEqualTo(403);
        assertThat(api.post("wangge", "/api/users", township("grid02", "330105001001")).status()).isEqualTo(403);
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
    void enterpriseAccountsMustNameAVisibleEnterprise() {
        long xihuEnterprise = jdbc.sql("select min(id) from enterprise where region_code like '330106%'").query(Long.class).single();
        Map<String, Object> body = township("qiye02", "330105");
        body.put("roles", List.of("ENTERPRISE"));
        body.put("enterpriseId", xihuEnterprise);
        Response response = api.post("gongshu", "/api/users", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("enterpriseId");
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
}
