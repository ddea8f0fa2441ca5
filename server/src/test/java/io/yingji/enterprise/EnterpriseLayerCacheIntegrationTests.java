package io.yingji.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import io.yingji.support.MapLayers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The one map's enterprise layer is cached per scope and filter: every change the layer shows is seen at
 * the next request, by version, also when another instance made it; a browser that has the layer gets 304.
 */
class EnterpriseLayerCacheIntegrationTests extends ApiTest {

    private static final String GONGSHU_STREET = "/api/enterprises/map?regionCode=330105001";

    private Optional<JsonNode> point(String username, String path, long id) {
        return MapLayers.rows(api.get(username, path).body()).stream().filter(p -> p.path("id").asLong() == id).findFirst();
    }

    @Test
    void registeringEditingAndAHazardSourceShowAtTheNextMapRequest() {
        int before = api.get("gongshu", GONGSHU_STREET).body().path("count").asInt();
        Response created = api.post("gongshu", "/api/enterprises", Enterprises.inGongshu());
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().path("id").asLong();

        assertThat(api.get("gongshu", GONGSHU_STREET).body().path("count").asInt()).isEqualTo(before + 1);
        assertThat(point("gongshu", GONGSHU_STREET, id)).hasValueSatisfying(p -> assertThat(p.path("majorHazard").asBoolean()).isFalse());

        var body = api.editable(api.get("gongshu", "/api/enterprises/" + id).body());
        body.put("name", "缓存后改名的机械公司");
        body.put("longitude", 120.1655);
        assertThat(api.put("gongshu", "/api/enterprises/" + id, body).status()).isEqualTo(200);
        assertThat(point("gongshu", GONGSHU_STREET, id)).hasValueSatisfying(p -> {
            assertThat(p.path("name").asString()).isEqualTo("缓存后改名的机械公司");
            assertThat(p.path("longitude").asDouble()).isEqualTo(120.1655);
        });

        Response source = api.post("gongshu", "/api/enterprises/" + id + "/hazard-sources", Map.of(
                "name", "液氨储罐区", "exposedPeople", 10, "chemicals", List.of(Map.of("chemical", "AMMONIA", "quantity", 20))));
        assertThat(source.status()).isEqualTo(201);
        assertThat(point("gongshu", GONGSHU_STREET, id)).hasValueSatisfying(p -> assertThat(p.path("majorHazard").asBoolean()).isTrue());
        assertThat(api.delete("gongshu", "/api/enterprises/" + id + "/hazard-sources/" + source.body().path("id").asLong()).status())
                .isEqualTo(204);
        assertThat(point("gongshu", GONGSHU_STREET, id)).hasValueSatisfying(p -> assertThat(p.path("majorHazard").asBoolean()).isFalse());

        // another scope's cached layer never holds it, before or after
        assertThat(point("xihu", "/api/enterprises/map", id)).isEmpty();
        assertThat(point("qiye", "/api/enterprises/map", id)).isEmpty();
    }

    @Test
    void aChangeMadeByAnotherInstanceIsSeenByItsVersionAndOnlyByIt() {
        long id = jdbc.sql("select min(id) from enterprise where region_code like '330105001%'").query(Long.class).single();
        String name = point("gongshu", GONGSHU_STREET, id).orElseThrow().path("name").asString();
        try {
            // a row changed behind this server's back without the version: the cached layer is what it sends
            jdbc.sql("update enterprise set name = '别处改过的名称' where id = :id").param("id", id).update();
            assertThat(point("gongshu", GONGSHU_STREET, id).orElseThrow().path("name").asString()).isEqualTo(name);
            // another instance commits the same change with the version raised, as every write path does
            jdbc.sql("update enterprise_layer_version set version = version + 1 where id = 1").update();
            assertThat(point("gongshu", GONGSHU_STREET, id).orElseThrow().path("name").asString()).isEqualTo("别处改过的名称");
        } finally {
            jdbc.sql("update enterprise set name = :name where id = :id").param("name", name).param("id", id).update();
            jdbc.sql("update enterprise_layer_version set version = version + 1 where id = 1").update();
        }
    }

    @Test
    void aBrowserThatHasTheLayerGetsNotModifiedUntilItChanges() {
        String token = api.token("gongshu");
        Response first = api.send(HttpMethod.GET, GONGSHU_STREET, token, null, Map.of());
        String etag = first.headers().getETag();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(first.headers().getCacheControl()).isEqualTo("private, no-cache");

        Response again = api.send(HttpMethod.GET, GONGSHU_STREET, token, null, Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.headers().getETag()).isEqualTo(etag);
        // the same validator means the same content: another scope's layer does not match it
        assertThat(api.send(HttpMethod.GET, "/api/enterprises/map", api.token("xihu"), null, Map.of("If-None-Match", etag)).status())
                .isEqualTo(200);

        assertThat(api.post("gongshu", "/api/enterprises", Enterprises.inGongshu()).status()).isEqualTo(201);
        Response changed = api.send(HttpMethod.GET, GONGSHU_STREET, token, null, Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers().getETag()).isNotEqualTo(etag);
        assertThat(changed.body().path("count").asInt()).isEqualTo(first.body().path("count").asInt() + 1);
    }
}
