package io.yingji.hazard;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InspectionIntegrationTests extends ApiTest {

    private JsonNode chemicalChecklist() {
        return api.get("qiye", "/api/checklists?industry=CHEMICAL").body().get(0);
    }

    /** Answers every item, failing the ones at the given positions (0-based). */
    private static List<Map<String, Object>> answers(JsonNode checklist, int... failing) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < checklist.path("items").size(); i++) {
            Map<String, Object> answer = new HashMap<>();
            answer.put("itemId", checklist.path("items").get(i).path("id").asLong());
            int position = i;
            boolean fails = java.util.Arrays.stream(failing).anyMatch(f -> f == position);
            answer.put("passed", !fails);
            if (fails) {
                answer.put("note", "现场发现问题");
            }
            answers.add(answer);
        }
        return answers;
    }

    @Test
    void aSelfInspectionTurnsEachFailedItemIntoAHazard() {
        long own = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        JsonNode checklist = chemicalChecklist();
        assertThat(checklist.path("items").size()).isGreaterThanOrEqualTo(5);
        long hazardsBefore = count("select count(*) from hazard where enterprise_id = " + own);
        Response done = api.post("qiye", "/api/enterprises/" + own + "/inspections",
                Map.of("checklistId", checklist.path("id").asLong(), "answers", answers(checklist, 0, 3)));
        assertThat(done.status()).isEqualTo(201);
        assertThat(done.body().path("failed").asInt()).isEqualTo(2);
        assertThat(done.body().path("source").asString()).isEqualTo("SELF_INSPECTION");
        assertThat(done.body().path("hazardIds").size()).isEqualTo(2);
        assertThat(count("select count(*) from hazard where enterprise_id = " + own)).isEqualTo(hazardsBefore + 2);
        long hazard = done.body().path("hazardIds").get(0).asLong();
        Response created = api.get("gongshu", "/api/hazards/" + hazard);
        assertThat(created.body().path("hazard").path("title").asString()).isEqualTo(checklist.path("items").get(0).path("content").asString());
        assertThat(created.body().path("hazard").path("source").asString()).isEqualTo("SELF_INSPECTION");
        assertThat(api.get("gongshu", "/api/enterprises/" + own + "/inspections").body().get(0).path("failed").asInt()).isEqualTo(2);
    }

    @Test
    void anIncompleteInspectionIsRefusedAndWritesNothing() {
        long own = api.get("qiye", "/api/me").body().path("enterpriseId").asLong();
        JsonNode checklist = chemicalChecklist();
        List<Map<String, Object>> answers = answers(checklist, 1);
        answers.remove(answers.size() - 1);
        long inspections = count("select count(*) from inspection");
        long hazards = count("select count(*) from hazard");
        Response refused = api.post("qiye", "/api/enterprises/" + own + "/inspections",
                Map.of("checklistId", checklist.path("id").asLong(), "answers", answers));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).isEqualTo("第 " + checklist.path("items").size() + " 项尚未检查");
        assertThat(api.post("qiye", "/api/enterprises/" + own + "/inspections", Map.of("checklistId", 999, "answers", List.of()))
                .detail()).isEqualTo("请选择有效的排查清单");
        assertThat(count("select count(*) from inspection")).isEqualTo(inspections);
        assertThat(count("select count(*) from hazard")).isEqualTo(hazards);
    }

    @Test
    void inspectionsFollowTheEnterprisesScope() {
        long xihu = count("select min(id) from enterprise where region_code like '330106%'");
        JsonNode checklist = chemicalChecklist();
        Map<String, Object> body = Map.of("checklistId", checklist.path("id").asLong(), "answers", answers(checklist));
        assertThat(api.post("gongshu", "/api/enterprises/" + xihu + "/inspections", body).status()).isEqualTo(404);
        assertThat(api.post("qiye", "/api/enterprises/" + xihu + "/inspections", body).status()).isEqualTo(404);
        assertThat(api.get("gongshu", "/api/enterprises/" + xihu + "/inspections").status()).isEqualTo(404);
        Response government = api.post("xihu", "/api/enterprises/" + xihu + "/inspections", body);
        assertThat(government.status()).isEqualTo(201);
        assertThat(government.body().path("source").asString()).isEqualTo("GOVERNMENT_INSPECTION");
        assertThat(government.body().path("failed").asInt()).isZero();
    }

    @Test
    void aGridWorkerWhoMayOnlyReportCannotRecordAnInspection() {
        long village = count("select min(id) from enterprise where region_code like '330105001055%'");
        assertThat(api.get("wangge", "/api/enterprises/" + village).status()).isEqualTo(200);
        JsonNode checklist = chemicalChecklist();
        long inspections = count("select count(*) from inspection");
        long hazards = count("select count(*) from hazard");
        Response refused = api.post("wangge", "/api/enterprises/" + village + "/inspections",
                Map.of("checklistId", checklist.path("id").asLong(), "answers", answers(checklist, 0)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(count("select count(*) from inspection")).isEqualTo(inspections);
        assertThat(count("select count(*) from hazard")).isEqualTo(hazards);
        assertThat(api.post("mishixiang", "/api/enterprises/" + village + "/inspections",
                Map.of("checklistId", checklist.path("id").asLong(), "answers", answers(checklist))).status()).isEqualTo(201);
    }
}
