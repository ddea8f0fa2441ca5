package io.yingji;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api;
import io.yingji.support.Api.Response;
import io.yingji.support.ApiTest;
import io.yingji.support.Enterprises;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call every write endpoint of the platform: one row per POST/PUT/PATCH/DELETE mapping. Each demo
 * account calls each endpoint on a record inside its own scope with a body that would be accepted; the
 * accounts of the row get past the permission check (no 401/403, and no 404: the record is theirs to see),
 * every other account is refused with 403 and nothing in the database changes. Endpoints that no role
 * guards (login, the public forms, device and gateway credentials) have their own rows saying who calls
 * them. The table is complete by construction: a mapping without a row fails the test.
 */
class WritePermissionIntegrationTests extends ApiTest {

    static final List<String> ACCOUNTS = List.of("admin", "shenji", "hangzhou", "gongshu", "xihu", "mishixiang", "wangge",
            "zhujian", "jiaotong", "qiye");

    // who holds what (role_permission, see docs/data-scope.md)
    static final Set<String> USER_MANAGERS = Set.of("admin", "hangzhou", "gongshu", "xihu");
    static final Set<String> ENTERPRISE_WRITERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "zhujian", "jiaotong", "qiye");
    /** enterprise:write, but an enterprise account never registers another enterprise. */
    static final Set<String> ENTERPRISE_REGISTRARS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "zhujian", "jiaotong");
    static final Set<String> IMPORTERS = Set.of("admin", "hangzhou", "gongshu", "xihu");
    /** region:manage: loading region boundaries for one's own region and below. */
    static final Set<String> BOUNDARY_LOADERS = Set.of("admin", "hangzhou", "gongshu", "xihu");
    static final Set<String> MONITORING_MANAGERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "qiye");
    static final Set<String> TOP_MONITORING_MANAGERS = Set.of("admin");
    static final Set<String> ALARM_HANDLERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "zhujian", "jiaotong", "qiye");
    static final Set<String> RISK_WRITERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "qiye");
    /** risk:write, but only supervisors remind enterprises to commit. */
    static final Set<String> COMMITMENT_REMINDERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang");
    /** risk:write, but zoning layers are no enterprise's. */
    static final Set<String> ZONING_WRITERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang");
    static final Set<String> REPORTERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "wangge", "zhujian", "jiaotong", "qiye");
    static final Set<String> INSPECTORS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "zhujian", "jiaotong", "qiye");
    static final Set<String> VERIFIERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "zhujian", "jiaotong");
    static final Set<String> REMEDIATORS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "qiye");
    /** verify or remediate: attach to any hazard in scope (a reporter-only role to its own reports only). */
    static final Set<String> ATTACHERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "zhujian", "jiaotong", "qiye");
    static final Set<String> DRAFTERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang");
    static final Set<String> APPROVERS = Set.of("admin", "hangzhou", "gongshu", "xihu");
    /** resource:write: warehouses and their stock movements. */
    static final Set<String> RESOURCE_WRITERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang", "qiye");
    /** resource:write, but shelters are no enterprise's. */
    static final Set<String> SHELTER_WRITERS = Set.of("admin", "hangzhou", "gongshu", "xihu", "mishixiang");
    static final Set<String> EVERYONE = Set.copyOf(ACCOUNTS);

    /** One request: method, path and body (a Map as JSON, a String as raw JSON, an {@link Upload}, a {@link Raw}, or null). */
    record Call(HttpMethod method, String path, @Nullable Object body) {
    }

    record Upload(String filename, byte[] content, Map<String, String> fields) {
    }

    record Raw(String contentType, byte[] content) {
    }

    /** A row of the table: the mapping, the accounts that may call it, and the call each account makes. */
    record Row(String method, String pattern, Set<String> allowed, Function<String, Call> call) {
        String key() {
            return method + " " + pattern;
        }
    }

    /** A row for an endpoint no role guards: who calls it, and the check that shows it. */
    record Open(String method, String pattern, String who, Runnable check, boolean always) {
        Open(String method, String pattern, String who, Runnable check) {
            this(method, pattern, who, check, true);
        }

        String key() {
            return method + " " + pattern;
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    @BeforeEach
    void logInEveryone() {
        ensureXihuDrafter();
        ACCOUNTS.forEach(api::token);
        api.token(XIHU_DRAFTER);
    }

    List<Row> table() {
        return List.of(
                row("POST", "/api/users", USER_MANAGERS, who -> post("/api/users", newUser(who))),

                row("POST", "/api/enterprises", ENTERPRISE_REGISTRARS, who -> post("/api/enterprises", newEnterprise(who))),
                row("PUT", "/api/enterprises/{id}", ENTERPRISE_WRITERS, who -> put("/api/enterprises/" + home(who), editable(who))),
                row("POST", "/api/enterprises/import", IMPORTERS, who -> upload("/api/enterprises/import", "企业名录.csv", enterpriseCsv(who))),
                row("POST", "/api/enterprises/{id}/hazard-sources", ENTERPRISE_WRITERS,
                        who -> post("/api/enterprises/" + home(who) + "/hazard-sources", hazardSource())),
                row("DELETE", "/api/enterprises/{id}/hazard-sources/{sourceId}", ENTERPRISE_WRITERS,
                        who -> delete("/api/enterprises/" + home(who) + "/hazard-sources/" + newHazardSource(home(who)))),

                row("POST", "/api/devices", MONITORING_MANAGERS, who -> post("/api/devices", newDevice(home(who)))),
                row("PUT", "/api/devices/{id}", MONITORING_MANAGERS, who -> put("/api/devices/" + device(who), deviceEdit(who))),
                row("POST", "/api/devices/{id}/key", MONITORING_MANAGERS, who -> post("/api/devices/" + device(who) + "/key", null)),
                row("POST", "/api/devices/import", MONITORING_MANAGERS, who -> upload("/api/devices/import", "devices.csv", deviceCsv(who))),
                row("POST", "/api/devices/{id}/rules", MONITORING_MANAGERS, who -> post("/api/devices/" + device(who) + "/rules", deviceRule())),
                row("DELETE", "/api/devices/{id}/rules/{ruleId}", MONITORING_MANAGERS,
                        who -> delete("/api/devices/" + device(who) + "/rules/" + newDeviceRule(device(who)))),
                row("POST", "/api/alarm-rules", TOP_MONITORING_MANAGERS, who -> post("/api/alarm-rules", typeRule())),
                row("DELETE", "/api/alarm-rules/{ruleId}", TOP_MONITORING_MANAGERS, who -> delete("/api/alarm-rules/" + newTypeRule())),
                row("POST", "/api/telemetry/gateways", MONITORING_MANAGERS, who -> post("/api/telemetry/gateways", gateway(who))),
                row("POST", "/api/alarms/{id}/acknowledge", ALARM_HANDLERS, who -> post("/api/alarms/" + newAlarm(who) + "/acknowledge", Map.of())),
                row("POST", "/api/alarms/{id}/handle", ALARM_HANDLERS,
                        who -> post("/api/alarms/" + newAlarm(who) + "/handle", Map.of("disposal", "已关闭阀门并通风"))),
                row("POST", "/api/alarms/{id}/hazard", ALARM_HANDLERS, who -> post("/api/alarms/" + newAlarm(who) + "/hazard", Map.of())),

                row("POST", "/api/enterprises/{id}/risk-points", RISK_WRITERS,
                        who -> post("/api/enterprises/" + home(who) + "/risk-points", riskPoint())),
                row("PUT", "/api/risk-points/{id}", RISK_WRITERS, who -> put("/api/risk-points/" + riskPointOf(who), riskPoint())),
                row("POST", "/api/risk-points/{id}/assessments", RISK_WRITERS,
                        who -> post("/api/risk-points/" + riskPointOf(who) + "/assessments", Map.of("method", "LS", "l", 2, "s", 3))),
                row("POST", "/api/enterprises/{id}/commitments", RISK_WRITERS,
                        who -> post("/api/enterprises/" + committing(who) + "/commitments", Map.of())),
                row("POST", "/api/commitments/reminders", COMMITMENT_REMINDERS, who -> post("/api/commitments/reminders", null)),
                row("POST", "/api/risk/zones", ZONING_WRITERS, who -> new Call(HttpMethod.POST, "/api/risk/zones",
                        new Upload("洪涝风险区划.geojson", ZONES.getBytes(StandardCharsets.UTF_8),
                                Map.of("name", "洪涝风险区划 " + UUID.randomUUID(), "hazardType", "FLOOD")))),

                row("POST", "/api/regions/boundaries", BOUNDARY_LOADERS, who -> new Call(HttpMethod.POST, "/api/regions/boundaries",
                        new Upload("行政区划边界.geojson", boundaryOf(regionOf(who)).getBytes(StandardCharsets.UTF_8), Map.of()))),

                row("POST", "/api/resources/warehouses", RESOURCE_WRITERS, who -> post("/api/resources/warehouses", newWarehouse(who))),
                row("PUT", "/api/resources/warehouses/{id}", RESOURCE_WRITERS, who -> put("/api/resources/warehouses/" + warehouse(who, 1),
                        newWarehouse(who))),
                row("POST", "/api/resources/warehouses/{id}/receipts", RESOURCE_WRITERS, who -> post("/api/resources/warehouses/"
                        + warehouse(who, 1) + "/receipts", Map.of("supplyTypeId", tents(), "batchNo", "P-" + UUID.randomUUID(),
                        "quantity", 1, "source", "PURCHASE", "producedOn", java.time.LocalDate.now().minusDays(10).toString()))),
                row("POST", "/api/resources/warehouses/{id}/issues", RESOURCE_WRITERS, who -> post("/api/resources/warehouses/"
                        + warehouse(who, 1) + "/issues", Map.of("supplyTypeId", tents(), "quantity", 1, "destination", "权限测试安置点"))),
                row("POST", "/api/resources/warehouses/{id}/write-offs", RESOURCE_WRITERS, who -> post("/api/resources/warehouses/"
                        + warehouse(who, 1) + "/write-offs", Map.of("batchId", tentBatch(who), "quantity", 1, "reason", "DAMAGED"))),
                row("POST", "/api/resources/warehouses/{id}/stocktakes", RESOURCE_WRITERS, who -> post("/api/resources/warehouses/"
                        + warehouse(who, 1) + "/stocktakes", Map.of("lines", List.of(Map.of("batchId", tentBatch(who), "counted", 50))))),
                row("POST", "/api/resources/transfers", RESOURCE_WRITERS, who -> post("/api/resources/transfers", Map.of(
                        "fromWarehouseId", warehouse(who, 1), "toWarehouseId", warehouse(who, 2), "supplyTypeId", tents(), "quantity", 1))),
                row("POST", "/api/resources/transfers/{id}/receive", RESOURCE_WRITERS, who -> post("/api/resources/transfers/"
                        + newTransfer(who) + "/receive", null)),
                row("POST", "/api/resources/transfers/{id}/cancel", RESOURCE_WRITERS, who -> post("/api/resources/transfers/"
                        + newTransfer(who) + "/cancel", null)),

                row("POST", "/api/resources/teams", RESOURCE_WRITERS, who -> post("/api/resources/teams", newTeam(who))),
                row("PUT", "/api/resources/teams/{id}", RESOURCE_WRITERS, who -> put("/api/resources/teams/" + team(who), newTeam(who))),
                row("PUT", "/api/resources/teams/{id}/status", RESOURCE_WRITERS, who -> put("/api/resources/teams/" + team(who) + "/status",
                        Map.of("status", "STANDBY"))),
                row("POST", "/api/resources/shelters", SHELTER_WRITERS, who -> post("/api/resources/shelters", newShelter(who))),
                row("PUT", "/api/resources/shelters/{id}", SHELTER_WRITERS, who -> put("/api/resources/shelters/" + shelter(who),
                        newShelter(who))),
                row("PUT", "/api/resources/shelters/{id}/occupancy", SHELTER_WRITERS, who -> put("/api/resources/shelters/" + shelter(who)
                        + "/occupancy", Map.of("open", true, "occupancy", 3))),

                row("POST", "/api/hazards", REPORTERS, who -> post("/api/hazards", hazardReport(who))),
                row("POST", "/api/enterprises/{id}/inspections", INSPECTORS,
                        who -> post("/api/enterprises/" + home(who) + "/inspections", inspection())),
                row("POST", "/api/hazards/{id}/attachments", ATTACHERS, who -> new Call(HttpMethod.POST,
                        "/api/hazards/" + hazardOf(who) + "/attachments", new Upload("现场.png", PNG, Map.of()))),
                row("POST", "/api/hazards/{id}/{action}", VERIFIERS, who -> post("/api/hazards/" + newHazard(who) + "/verify", verification())),
                row("POST", "/api/hazards/{id}/{action}", VERIFIERS, who -> post("/api/hazards/" + newHazard(who) + "/dismiss",
                        Map.of("comment", "经核实不构成隐患"))),
                row("POST", "/api/hazards/{id}/{action}", VERIFIERS, who -> post("/api/hazards/" + verifiedHazard(who) + "/assign", Map.of())),
                row("POST", "/api/hazards/{id}/{action}", REMEDIATORS, who -> post("/api/hazards/" + assignedHazard(who) + "/progress", Map.of())),
                row("POST", "/api/hazards/{id}/{action}", REMEDIATORS, who -> post("/api/hazards/" + assignedHazard(who) + "/complete",
                        Map.of("comment", "已整改"))),
                row("POST", "/api/hazards/{id}/{action}", VERIFIERS, who -> post("/api/hazards/" + remediatedHazard(who) + "/accept", Map.of())),
                row("POST", "/api/hazards/{id}/{action}", VERIFIERS, who -> post("/api/hazards/" + remediatedHazard(who) + "/reject",
                        Map.of("comment", "仍未整改到位"))),

                row("POST", "/api/warnings", DRAFTERS, who -> post("/api/warnings", warning(drafter(who)))),
                row("PUT", "/api/warnings/{id}", DRAFTERS, who -> put("/api/warnings/" + ownDraft(who), warning(drafter(who)))),
                row("DELETE", "/api/warnings/{id}", DRAFTERS, who -> delete("/api/warnings/" + ownDraft(who))),
                row("POST", "/api/warnings/{id}/submit", DRAFTERS, who -> post("/api/warnings/" + ownDraft(who) + "/submit", Map.of())),
                row("POST", "/api/warnings/{id}/approve", APPROVERS, who -> post("/api/warnings/" + submitted(who) + "/approve", Map.of())),
                row("POST", "/api/warnings/{id}/reject", APPROVERS,
                        who -> post("/api/warnings/" + submitted(who) + "/reject", Map.of("reason", "区域需调整"))),
                row("POST", "/api/warnings/{id}/update", DRAFTERS, who -> post("/api/warnings/" + publishedOwn(who) + "/update",
                        warning(drafter(who)))),
                row("POST", "/api/warnings/{id}/cancel", APPROVERS,
                        who -> post("/api/warnings/" + publishedFor(who) + "/cancel", Map.of("reason", "降雨已减弱"))),
                row("POST", "/api/warnings/{id}/reminders", DRAFTERS,
                        who -> post("/api/warnings/" + publishedOwn(who) + "/reminders", null)),
                row("POST", "/api/warnings/import", DRAFTERS, who -> new Call(HttpMethod.POST, "/api/warnings/import",
                        new Raw("application/cap+xml", cap(who).getBytes(StandardCharsets.UTF_8)))),
                row("POST", "/api/warnings/audience", DRAFTERS, who -> post("/api/warnings/audience", warning(drafter(who)))),
                row("POST", "/api/warning-contacts", DRAFTERS, who -> post("/api/warning-contacts", contact(who))),
                row("DELETE", "/api/warning-contacts/{id}", DRAFTERS, who -> delete("/api/warning-contacts/" + newContact(drafter(who)))),

                row("POST", "/api/notifications/{id}/read", EVERYONE, who -> post("/api/notifications/" + notificationOf(who) + "/read", null)),
                row("POST", "/api/notifications/read-all", EVERYONE, who -> post("/api/notifications/read-all", null)),
                row("POST", "/api/notifications/campaigns/{source}/ack", EVERYONE,
                        who -> post("/api/notifications/campaigns/" + campaignSentTo(who) + "/ack", null)));
    }

    List<Open> open() {
        return List.of(
                new Open("POST", "/api/auth/login", "anyone with an account's password", () -> {
                    assertThat(api.login("gongshu", Api.PASSWORD).status()).isEqualTo(200);
                    assertThat(api.login("gongshu", "wrong-password-1").status()).isEqualTo(401);
                }),
                new Open("POST", "/api/auth/logout", "every signed-in account, for its own token", () -> {
                    for (String who : ACCOUNTS) {
                        String token = api.login(who, Api.PASSWORD).body().path("token").asString();
                        assertThat(api.send(HttpMethod.POST, "/api/auth/logout", token, null, Map.of()).status()).as(who).isEqualTo(204);
                    }
                }),
                new Open("POST", "/api/telemetry", "a device or gateway with its own key, never a user's token", () -> {
                    String body = "{\"readings\":[]}";
                    assertThat(api.send(HttpMethod.POST, "/api/telemetry", api.token("admin"), body, Map.of()).status()).isEqualTo(401);
                    Map<String, Object> registered = registeredDevice(home("gongshu"));
                    assertThat(api.send(HttpMethod.POST, "/api/telemetry", null, body,
                            Map.of("Authorization", "Device " + registered.get("code") + ":" + registered.get("key"))).status()).isEqualTo(200);
                }),
                new Open("POST", "/public/hazards", "anyone (a citizen's report, rate-limited by address)", () -> {
                    Response report = publicReport();
                    assertThat(report.status()).as(report.body().toString()).isEqualTo(201);
                }),
                new Open("POST", "/public/hazards/{trackingCode}/attachments", "whoever holds a public report's tracking code, soon after", () -> {
                    String code = publicReport().body().path("trackingCode").asString();
                    assertThat(api.upload((String) null, "/public/hazards/" + code + "/attachments", "现场.png", PNG, Map.of(),
                            io.yingji.support.ClientAddresses.freshClient()).status()).isEqualTo(201);
                }),
                new Open("POST", "/public/warning-subscriptions", "anyone registering their own mobile", () ->
                        assertThat(api.send(HttpMethod.POST, "/public/warning-subscriptions", null,
                                Map.of("mobile", "1380" + (1000000 + (int) (Math.random() * 8999999)), "regionCode", "330105001"),
                                io.yingji.support.ClientAddresses.freshClient()).status()).isEqualTo(201)),
                new Open("POST", "/public/ack/{token}", "a recipient with the acknowledgement token of their message", () ->
                        assertThat(api.send(HttpMethod.POST, "/public/ack/not-a-token", null, null, Map.of()).status()).isEqualTo(404)),
                new Open("POST", "/public/notification/sms-report", "the SMS gateway, signed with the shared secret", () ->
                        assertThat(api.send(HttpMethod.POST, "/public/notification/sms-report", api.token("admin"), "[]", Map.of())
                                .status()).isEqualTo(401)),
                new Open("POST", "/demo/gateway/sms", "the platform's own SMS channel with the demo gateway credential", () ->
                        assertThat(api.send(HttpMethod.POST, "/demo/gateway/sms", api.token("admin"),
                                Map.of("reference", "x", "mobile", "13800000000", "text", "x"), Map.of()).status()).isEqualTo(401), ONLY_WITH_DEMO_GATEWAYS),
                new Open("POST", "/demo/gateway/broadcast", "the platform's own broadcast channel with the demo gateway credential", () ->
                        assertThat(api.send(HttpMethod.POST, "/demo/gateway/broadcast", api.token("admin"), Map.of(), Map.of())
                                .status()).isEqualTo(401), ONLY_WITH_DEMO_GATEWAYS),
                new Open("ANY", "/error", "only the servlet container's error dispatch; asked for directly it is an unknown path", () ->
                        assertThat(api.send(HttpMethod.POST, "/error", api.token("admin"), Map.of(), Map.of()).status()).isEqualTo(404)));
    }

    /** Rows of mappings that exist only with yingji.demo.gateways=true (the demo's stand-in SMS and broadcast systems). */
    static final boolean ONLY_WITH_DEMO_GATEWAYS = false;

    @Test
    void everyWriteEndpointHasARow() {
        Set<String> rows = new TreeSet<>();
        table().forEach(r -> rows.add(r.key()));
        open().stream().filter(Open::always).forEach(o -> rows.add(o.key()));
        open().stream().filter(o -> !o.always() && writeMappings().contains(o.key())).forEach(o -> rows.add(o.key()));
        assertThat(writeMappings()).isNotEmpty().allSatisfy(mapping -> assertThat(rows).as("a row for " + mapping).contains(mapping));
        assertThat(rows).as("rows of mappings that no longer exist").isSubsetOf(writeMappings());
    }

    @Test
    void onlyTheRolesOfEachRowGetPastThePermissionCheckAndTheOthersWriteNothing() {
        List<String> wrong = new ArrayList<>();
        for (Row row : table()) {
            // refused first: an allowed call's own consequences (events) must not be counted against a refused one
            for (String who : ACCOUNTS) {
                if (row.allowed().contains(who)) {
                    continue;
                }
                Call call = row.call().apply(who);
                awaitQuiet();
                Map<String, List<Long>> before = fingerprint();
                Response response = send(who, call);
                if (response.status() != 403) {
                    wrong.add(row.key() + " as " + who + " (" + call.path() + "): " + response.status() + " " + response.body()
                            + ", expected 403");
                }
                if (call.body() instanceof Map<?, ?>) {
                    // the permission comes before the body: an empty one is refused for the role, not for its fields
                    Response empty = send(who, new Call(call.method(), call.path(), Map.of()));
                    if (empty.status() != 403) {
                        wrong.add(row.key() + " as " + who + " with an empty body: " + empty.status() + " " + empty.body() + ", expected 403");
                    }
                }
                awaitQuiet();
                Map<String, List<Long>> after = fingerprint();
                if (!after.equals(before)) {
                    wrong.add(row.key() + " as " + who + " (refused) changed " + changed(before, after));
                }
            }
            for (String who : ACCOUNTS) {
                if (!row.allowed().contains(who)) {
                    continue;
                }
                Call call = row.call().apply(who);
                Response response = send(who, call);
                if (Set.of(401, 403, 404).contains(response.status()) || response.status() >= 500) {
                    wrong.add(row.key() + " as " + who + " (" + call.path() + "): " + response.status() + " " + response.body()
                            + ", expected past the permission check");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theEndpointsNoRoleGuardsAreCalledOnlyByWhomTheirRowsSay() {
        for (Open row : open()) {
            if (row.always() || writeMappings().contains(row.key())) {
                row.check().run();
            }
        }
    }

    // the mappings

    private Set<String> writeMappings() {
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("io.yingji")) {
                return;
            }
            for (var verb : info.getMethodsCondition().getMethods()) {
                if (Set.of("POST", "PUT", "PATCH", "DELETE").contains(verb.name())) {
                    info.getPatternValues().forEach(pattern -> found.add(verb.name() + " " + pattern));
                }
            }
            if (info.getMethodsCondition().getMethods().isEmpty()) {
                // a mapping for every method is a write mapping too
                info.getPatternValues().forEach(pattern -> found.add("ANY " + pattern));
            }
        });
        return found;
    }

    // calling

    private static Row row(String method, String pattern, Set<String> allowed, Function<String, Call> call) {
        return new Row(method, pattern, allowed, call);
    }

    private static Call post(String path, @Nullable Object body) {
        return new Call(HttpMethod.POST, path, body);
    }

    private static Call put(String path, Object body) {
        return new Call(HttpMethod.PUT, path, body);
    }

    private static Call delete(String path) {
        return new Call(HttpMethod.DELETE, path, null);
    }

    private static Call upload(String path, String filename, String content) {
        return new Call(HttpMethod.POST, path, new Upload(filename, content.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    private Response send(String who, Call call) {
        if (call.body() instanceof Upload upload) {
            return api.upload(api.token(who), call.path(), upload.filename(), upload.content(), upload.fields(), Map.of());
        }
        if (call.body() instanceof Raw raw) {
            return sendRaw(call, api.token(who), raw);
        }
        return api.send(call.method(), call.path(), api.token(who), call.body(), Map.of());
    }

    /** Bytes of another content type sent as they are (a CAP document). */
    private Response sendRaw(Call call, String token, Raw raw) {
        return RestClient.create("http://localhost:" + port).method(call.method()).uri(call.path())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.parseMediaType(raw.contentType()))
                .body(raw.content())
                .exchange((req, res) -> {
                    byte[] bytes = res.getBody().readAllBytes();
                    JsonNode node;
                    try {
                        node = bytes.length == 0 ? api.json().missingNode() : api.json().readTree(bytes);
                    } catch (RuntimeException notJson) {
                        node = api.json().getNodeFactory().stringNode(new String(bytes, StandardCharsets.UTF_8));
                    }
                    return new Response(res.getStatusCode().value(), res.getHeaders(), node);
                });
    }

    // nothing written: every table's rows, by count and content

    private List<String> tables;

    private Map<String, List<Long>> fingerprint() {
        // left out: telemetry and the event registry (devices and listeners write them on their own), job leases, and
        // the daily commitment roll, which a scheduled job takes whenever it runs
        if (tables == null) {
            tables = jdbc.sql("""
                    select table_name from information_schema.tables
                    where table_schema = current_schema() and table_type = 'BASE TABLE'
                      and table_name not like 'telemetry%' and table_name not like 'flyway%'
                      and table_name not in ('event_publication', 'job_lock', 'commitment_roll')
                    order by table_name""").query(String.class).list();
        }
        String sql = tables.stream().map(t -> "select '" + t + "' as t, count(*) as n, "
                        + "coalesce(sum(hashtext((to_jsonb(x) - 'last_seen_at')::text)::bigint), 0) as h from " + t + " x")
                .collect(Collectors.joining(" union all "));
        Map<String, List<Long>> prints = new TreeMap<>();
        jdbc.sql(sql).query((rs, n) -> prints.put(rs.getString("t"), List.of(rs.getLong("n"), rs.getLong("h")))).list();
        return prints;
    }

    private static Set<String> changed(Map<String, List<Long>> before, Map<String, List<Long>> after) {
        return before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t))).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits until the module events published so far have been handled (their listeners write too). */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (count("select count(*) from event_publication where completion_date is null and publication_date > now() - interval '1 minute'") > 0
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // the records each account acts on: inside its own scope

    /**
     * The enterprise an account acts on: a construction company in 大塘巷社区 for the accounts above the village
     * (and 拱墅区住建局, which supervises construction), a transport company in 西湖区 for 西湖区 and 杭州市交通运输局,
     * its own for the enterprise account.
     */
    private long home(String who) {
        return switch (who) {
            case "qiye" -> (Long) CACHE.computeIfAbsent("home:qiye", k -> api.get("qiye", "/api/me").body().path("enterpriseId").asLong());
            case "xihu", "jiaotong" -> (Long) CACHE.computeIfAbsent("home:xihu", k -> newHomeEnterprise("330106002", "TRANSPORT", 120.131, 30.288));
            default -> (Long) CACHE.computeIfAbsent("home:village", k -> newHomeEnterprise("330105001055", "CONSTRUCTION", 120.160, 30.288));
        };
    }

    private long newHomeEnterprise(String region, String industry, double longitude, double latitude) {
        Map<String, Object> body = Enterprises.enterprise(region.substring(0, 9), longitude, latitude, "权限测试" + industry);
        body.put("industry", industry);
        Response created = api.post("admin", "/api/enterprises", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        jdbc.sql("update enterprise set region_code = :r where id = :id").param("r", region).param("id", id).update();
        return id;
    }

    /** A GeoJSON file with an outline for the region: a rectangle inside its bounding box. */
    private String boundaryOf(String region) {
        Map<String, Object> box = jdbc.sql("select min_lon, min_lat, max_lon, max_lat from region where code = :c")
                .param("c", region).query().singleRow();
        double minLon = ((Number) box.get("min_lon")).doubleValue();
        double minLat = ((Number) box.get("min_lat")).doubleValue();
        double w = ((Number) box.get("max_lon")).doubleValue() - minLon;
        double h = ((Number) box.get("max_lat")).doubleValue() - minLat;
        String ring = java.util.stream.Stream.of(new double[] {0.1, 0.1}, new double[] {0.9, 0.1}, new double[] {0.9, 0.9},
                        new double[] {0.1, 0.9}, new double[] {0.1, 0.1})
                .map(p -> String.format(java.util.Locale.ROOT, "[%.6f,%.6f]", minLon + p[0] * w, minLat + p[1] * h))
                .collect(Collectors.joining(","));
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"" + region
                + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}";
    }

    /** A rescue team the account can see: one of its home enterprise (see {@link #home}). */
    private Map<String, Object> newTeam(String who) {
        long enterprise = home(who);
        String region = jdbc.sql("select region_code from enterprise where id = :id").param("id", enterprise).query(String.class).single();
        return new HashMap<>(Map.of("name", "权限测试救援队", "kind", "PROFESSIONAL", "regionCode", region, "enterpriseId", enterprise,
                "longitude", 120.16, "latitude", 30.29, "headcount", 12, "leader", "赵队长", "leaderPhone", "13800138001",
                "capabilities", List.of("HAZCHEM")));
    }

    private long team(String who) {
        return (Long) CACHE.computeIfAbsent("team:" + home(who), k -> {
            Response created = api.post("admin", "/api/resources/teams", newTeam(who));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            return created.body().path("id").asLong();
        });
    }

    /** A shelter in the account's region (gongshu's district for a province or city account). */
    private Map<String, Object> newShelter(String who) {
        String region = regionOf(who);
        if (region.length() == 6 && region.endsWith("00")) {
            region = "330105";
        }
        String level = region.length() == 12 ? "VILLAGE" : region.length() == 9 ? "TOWNSHIP" : "COUNTY";
        Map<String, Object> body = new HashMap<>(Map.of("name", "权限测试安置点", "level", level, "kind", "SCHOOL", "regionCode", region,
                "address", "权限测试路1号", "longitude", 120.16, "latitude", 30.29, "capacity", 300, "open", false,
                "manager", "钱管理"));
        body.put("managerPhone", "13800138002");
        return body;
    }

    private long shelter(String who) {
        return (Long) CACHE.computeIfAbsent("shelter:" + who, k -> {
            Response created = api.post("admin", "/api/resources/shelters", newShelter(who));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            return created.body().path("id").asLong();
        });
    }

    /** A warehouse the account can see: an agreement reserve at its home enterprise (see {@link #home}), at the enterprise's region. */
    private Map<String, Object> newWarehouse(String who) {
        long enterprise = home(who);
        String region = jdbc.sql("select region_code from enterprise where id = :id").param("id", enterprise).query(String.class).single();
        String level = switch (region.length()) {
            case 12 -> "VILLAGE";
            case 9 -> "TOWNSHIP";
            default -> "COUNTY";
        };
        return new HashMap<>(Map.of("name", "权限测试代储点", "level", level, "regionCode", region, "ownership", "AGREEMENT",
                "enterpriseId", enterprise, "keeper", "王保管", "keeperPhone", "13800138000"));
    }

    /** The account's n-th warehouse (1 or 2), with 100 tents in one batch. */
    private long warehouse(String who, int n) {
        return (Long) CACHE.computeIfAbsent("warehouse:" + home(who) + ":" + n, k -> {
            Response created = api.post("admin", "/api/resources/warehouses", newWarehouse(who));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            long id = created.body().path("id").asLong();
            Response received = api.post("admin", "/api/resources/warehouses/" + id + "/receipts", Map.of("supplyTypeId", tents(),
                    "batchNo", "WP-" + id, "quantity", 100, "source", "PURCHASE",
                    "producedOn", java.time.LocalDate.now().minusDays(30).toString()));
            assertThat(received.status()).as(received.body().toString()).isEqualTo(200);
            return id;
        });
    }

    private long tentBatch(String who) {
        long warehouse = warehouse(who, 1);
        return jdbc.sql("select id from resource_batch where warehouse_id = :w and batch_no = :no").param("w", warehouse)
                .param("no", "WP-" + warehouse).query(Long.class).single();
    }

    private long tents() {
        return (Long) CACHE.computeIfAbsent("tents", k -> jdbc.sql("select id from resource_supply_type where code = '1010101'")
                .query(Long.class).single());
    }

    /** A transfer of one tent in transit between the account's two warehouses. */
    private long newTransfer(String who) {
        Response sent = api.post("admin", "/api/resources/transfers", Map.of("fromWarehouseId", warehouse(who, 1),
                "toWarehouseId", warehouse(who, 2), "supplyTypeId", tents(), "quantity", 1));
        assertThat(sent.status()).as(sent.body().toString()).isEqualTo(201);
        return sent.body().path("id").asLong();
    }

    /** The account's own region (where it drafts warnings, registers contacts, reports without an enterprise). */
    private String regionOf(String who) {
        return jdbc.sql("select region_code from app_user where username = :u").param("u", who).query(String.class).single();
    }

    private Map<String, Object> newUser(String who) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", "perm-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("password", "Anquan2026");
        body.put("displayName", "权限测试员");
        body.put("regionCode", who.equals("qiye") ? "330105005" : regionOf(who));
        body.put("roles", List.of("GRID"));
        return body;
    }

    private Map<String, Object> newEnterprise(String who) {
        String region = switch (who) {
            case "xihu", "jiaotong" -> "330106002";
            case "qiye" -> "330105005";
            default -> "330105001";
        };
        Map<String, Object> body = Enterprises.enterprise(region, 120.160, 30.288, "权限测试新企业");
        body.put("industry", switch (who) {
            case "xihu", "jiaotong" -> "TRANSPORT";
            default -> "CONSTRUCTION";
        });
        return body;
    }

    private Map<String, Object> editable(String who) {
        Map<String, Object> body = api.editable(api.get("admin", "/api/enterprises/" + home(who)).body());
        body.put("employees", 100 + (int) (Math.random() * 100));
        return body;
    }

    private String enterpriseCsv(String who) {
        Map<String, Object> e = newEnterprise(who);
        return "统一社会信用代码,企业名称,行业,地址,经度,纬度,行政区划代码,法定代表人,安全负责人,安全负责人电话,危化品使用\n"
                + String.join(",", (String) e.get("creditCode"), (String) e.get("name"), "工贸制造", "杭州市测试路1号",
                e.get("longitude").toString(), e.get("latitude").toString(), (String) e.get("regionCode"), "张伟", "李娜",
                "13906812222", "否") + "\n";
    }

    private static Map<String, Object> hazardSource() {
        return Map.of("name", "甲醇储罐 " + UUID.randomUUID().toString().substring(0, 6), "exposedPeople", 5,
                "chemicals", List.of(Map.of("chemical", "METHANOL", "quantity", 100)));
    }

    private long newHazardSource(long enterprise) {
        Response created = api.post("admin", "/api/enterprises/" + enterprise + "/hazard-sources", hazardSource());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private static Map<String, Object> newDevice(long enterprise) {
        String code = "PERM-" + UUID.randomUUID().toString().substring(0, 8);
        return new HashMap<>(Map.of("code", code, "name", "权限测试探测器 " + code, "type", "COMBUSTIBLE_GAS", "enterpriseId", enterprise));
    }

    private Map<String, Object> registeredDevice(long enterprise) {
        Map<String, Object> body = newDevice(enterprise);
        Response created = api.post("admin", "/api/devices", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        body.put("id", created.body().path("device").path("id").asLong());
        body.put("key", created.body().path("key").asString());
        return body;
    }

    private long device(String who) {
        long home = home(who);
        return (Long) CACHE.computeIfAbsent("device:" + home, k -> (Long) registeredDevice(home).get("id"));
    }

    private Map<String, Object> deviceEdit(String who) {
        Map<String, Object> body = newDevice(home(who));
        body.put("name", "权限测试探测器（改）");
        body.put("code", jdbc.sql("select code from device where id = :id").param("id", device(who)).query(String.class).single());
        return body;
    }

    private String deviceCsv(String who) {
        return "code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl\n"
                + "PERMI-" + UUID.randomUUID().toString().substring(0, 8) + ",导入探测器,COMBUSTIBLE_GAS," + home(who) + ",,,,60,,\n";
    }

    private static Map<String, Object> deviceRule() {
        return Map.of("metric", "lel", "kind", "ABOVE", "level", 1, "threshold", 40, "hysteresis", 2);
    }

    private long newDeviceRule(long device) {
        Response created = api.post("admin", "/api/devices/" + device + "/rules", deviceRule());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private static Map<String, Object> typeRule() {
        // a type no other test uses, so the rule set here changes nobody else's alarms
        return Map.of("deviceType", "STRAIN", "metric", "strain", "kind", "ABOVE", "level", 2, "threshold", 5000, "hysteresis", 2);
    }

    private long newTypeRule() {
        Response created = api.post("admin", "/api/alarm-rules", typeRule());
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private static Map<String, Object> gateway(String who) {
        return Map.of("code", "GW-PERM-" + UUID.randomUUID().toString().substring(0, 8), "name", "权限测试网关");
    }

    /** A raised alarm of the account's home device, as the alarm rules would have raised it. */
    private long newAlarm(String who) {
        long device = device(who);
        long rule = jdbc.sql("select min(id) from alarm_rule").query(Long.class).single();
        return jdbc.sql("""
                insert into alarm (device_id, rule_id, metric, kind, level, status, region_code, industry, enterprise_id, open_key,
                                   threshold, first_value, last_value, peak_value, raised_at, last_breach_at)
                select d.id, :rule, 'lel', 'ABOVE', 1, 'RAISED', d.region_code, d.industry, d.enterprise_id, :key,
                       40, 60, 60, 60, now(), now()
                from device d where d.id = :device
                returning id""")
                .param("rule", rule).param("key", "perm:" + UUID.randomUUID()).param("device", device)
                .query(Long.class).single();
    }

    private static Map<String, Object> riskPoint() {
        Map<String, Object> point = new HashMap<>(Map.of("name", "反应釜", "category", "EQUIPMENT", "method", "LEC",
                "controlMeasures", "联锁与报警", "responsiblePerson", "李娜", "responsiblePhone", "13906812222"));
        point.put("l", 3);
        point.put("e", 6);
        point.put("c", 40);
        return point;
    }

    private long riskPointOf(String who) {
        long home = home(who);
        return (Long) CACHE.computeIfAbsent("risk:" + home, k -> {
            Response created = api.post("admin", "/api/enterprises/" + home + "/risk-points", riskPoint());
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            return created.body().path("id").asLong();
        });
    }

    /** The home enterprise with a red risk, so it owes a daily commitment. */
    private long committing(String who) {
        riskPointOf(who);
        return home(who);
    }

    private static final String ZONES = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"运河沿岸低洼区","grade":1},
               "geometry":{"type":"Polygon","coordinates":[[[120.14,30.31],[120.16,30.31],[120.16,30.33],[120.14,30.33],[120.14,30.31]]]}}
            ]}""";

    private Map<String, Object> hazardReport(String who) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "消防通道堵塞", "description", "权限测试：通道堆放托盘",
                "enterpriseId", home(who)));
        body.put("source", who.equals("qiye") ? "SELF_INSPECTION" : who.equals("wangge") ? "GRID_PATROL" : "GOVERNMENT_INSPECTION");
        return body;
    }

    private Map<String, Object> inspection() {
        var checklist = api.get("admin", "/api/checklists?industry=CHEMICAL").body().get(0);
        List<Map<String, Object>> answers = new ArrayList<>();
        checklist.path("items").valueStream().forEach(item -> answers.add(Map.of("itemId", item.path("id").asLong(), "passed", true)));
        return Map.of("checklistId", checklist.path("id").asLong(), "answers", answers);
    }

    /** A hazard reported by someone else (the township or the enterprise) at the account's home enterprise. */
    private long newHazard(String who) {
        long home = home(who);
        String reporter = who.equals("qiye") ? "qiye" : "admin";
        Response created = api.post(reporter, "/api/hazards", Map.of("title", "消防通道堵塞", "description", "权限测试：通道堆放托盘",
                "enterpriseId", home, "source", reporter.equals("qiye") ? "SELF_INSPECTION" : "GOVERNMENT_INSPECTION"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private long hazardOf(String who) {
        return (Long) CACHE.computeIfAbsent("hazard:" + home(who), k -> newHazard(who));
    }

    private static Map<String, Object> verification() {
        return Map.of("grade", "GENERAL", "category", "FIRE", "responsibleUnit", "权限测试单位",
                "deadline", LocalDate.now().plusDays(7).toString());
    }

    private long verifiedHazard(String who) {
        long id = newHazard(who);
        assertThat(api.post("admin", "/api/hazards/" + id + "/verify", verification()).status()).isEqualTo(200);
        return id;
    }

    private long assignedHazard(String who) {
        long id = verifiedHazard(who);
        assertThat(api.post("admin", "/api/hazards/" + id + "/assign", Map.of()).status()).isEqualTo(200);
        return id;
    }

    private long remediatedHazard(String who) {
        long id = assignedHazard(who);
        Response completed = api.post("admin", "/api/hazards/" + id + "/complete", Map.of("comment", "已整改"));
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(200);
        return id;
    }

    // warnings: drafted where the account may act on them

    private static final String XIHU_DRAFTER = "perm-xihu-station";

    /** A second person in 西湖区 who drafts, so 西湖区's bureau has warnings of someone else's to approve. */
    private void ensureXihuDrafter() {
        if (count("select count(*) from app_user where username = '" + XIHU_DRAFTER + "'") == 0) {
            Map<String, Object> body = new HashMap<>(Map.of("username", XIHU_DRAFTER, "password", Api.PASSWORD,
                    "displayName", "北山街道应急管理站 测试员", "regionCode", "330106002", "roles", List.of("TOWNSHIP")));
            assertThat(api.post("xihu", "/api/users", body).status()).isEqualTo(201);
        }
    }

    /** Who drafts the warnings the account acts on as a drafter: itself when it may, else 米市巷街道. */
    private String drafter(String who) {
        return DRAFTERS.contains(who) ? who : "mishixiang";
    }

    /** Who drafted the warnings the account approves: someone below (never itself). */
    private String below(String who) {
        return switch (who) {
            case "admin" -> "hangzhou";
            case "hangzhou" -> "gongshu";
            case "xihu" -> XIHU_DRAFTER;
            default -> "mishixiang";
        };
    }

    /** Who approves the account's own drafts. */
    private String above(String drafter) {
        return switch (drafter) {
            case "admin" -> null;
            case "hangzhou" -> "admin";
            case "gongshu", "xihu" -> "hangzhou";
            case XIHU_DRAFTER -> "xihu";
            default -> "gongshu";
        };
    }

    private Map<String, Object> warning(String drafter) {
        Map<String, Object> body = new HashMap<>();
        body.put("level", "BLUE");
        body.put("status", "Exercise");
        body.put("scope", "Public");
        body.put("category", "Met");
        body.put("event", "暴雨");
        body.put("responseType", "Prepare");
        body.put("urgency", "Expected");
        body.put("certainty", "Likely");
        body.put("headline", "权限测试暴雨蓝色预警");
        body.put("description", "预计未来6小时内将出现50毫米以上降水。");
        body.put("instruction", "请远离低洼地带和河道。");
        body.put("effective", OffsetDateTime.now().plusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("expires", OffsetDateTime.now().plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("senderName", "权限测试");
        body.put("contact", "0571-12350");
        body.put("areas", List.of(Map.of("kind", "REGION", "regionCode", regionOf(drafter).equals("330000") ? "330100" : regionOf(drafter))));
        return body;
    }

    private long draftBy(String drafter) {
        if (drafter.equals(XIHU_DRAFTER)) {
            ensureXihuDrafter();
        }
        Response created = api.post(drafter, "/api/warnings", warning(drafter));
        assertThat(created.status()).as(drafter + " drafts " + created.body()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private long submittedBy(String drafter) {
        long id = draftBy(drafter);
        Response submitted = api.post(drafter, "/api/warnings/" + id + "/submit", Map.of());
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
        return id;
    }

    private long publishedBy(String drafter, String approver) {
        long id = submittedBy(drafter);
        Response approved = api.post(approver, "/api/warnings/" + id + "/approve", Map.of());
        assertThat(approved.status()).as(approver + " approves " + approved.body()).isEqualTo(200);
        return id;
    }

    private long ownDraft(String who) {
        return draftBy(drafter(who));
    }

    private long submitted(String who) {
        return submittedBy(APPROVERS.contains(who) ? below(who) : "mishixiang");
    }

    private long publishedOwn(String who) {
        String drafter = drafter(who);
        return drafter.equals("admin") ? publishedBy("hangzhou", "admin") : publishedBy(drafter, above(drafter));
    }

    private long publishedFor(String who) {
        return APPROVERS.contains(who) ? publishedBy(below(who), who) : publishedBy("mishixiang", "gongshu");
    }

    private String cap(String who) {
        String identifier = "perm-" + UUID.randomUUID();
        String sent = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String expires = OffsetDateTime.now().plusHours(6).truncatedTo(ChronoUnit.SECONDS).toString();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>%s</identifier>
                  <sender>perm-test@weather.example.cn</sender>
                  <sent>%s</sent>
                  <status>Exercise</status>
                  <msgType>Alert</msgType>
                  <scope>Public</scope>
                  <info>
                    <language>zh-CN</language>
                    <category>Met</category>
                    <event>暴雨</event>
                    <urgency>Expected</urgency>
                    <severity>Moderate</severity>
                    <certainty>Likely</certainty>
                    <expires>%s</expires>
                    <senderName>气象台</senderName>
                    <headline>暴雨蓝色预警</headline>
                    <description>预计将出现强降水。</description>
                    <area>
                      <areaDesc>米市巷街道</areaDesc>
                      <polygon>30.284,120.157 30.284,120.163 30.292,120.163 30.292,120.157 30.284,120.157</polygon>
                    </area>
                  </info>
                </alert>
                """.formatted(identifier, sent, expires);
    }

    private Map<String, Object> contact(String who) {
        String drafter = drafter(who);
        String region = regionOf(drafter).equals("330000") ? "330100" : regionOf(drafter);
        return Map.of("group", "学校", "name", "权限测试小学" + UUID.randomUUID().toString().substring(0, 6), "regionCode", region,
                "mobile", "1390" + (1000000 + (int) (Math.random() * 8999999)));
    }

    private long newContact(String drafter) {
        Response created = api.post(drafter, "/api/warning-contacts", contact(drafter));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    // the account's own notifications and messages

    private long userId(String who) {
        return jdbc.sql("select id from app_user where username = :u").param("u", who).query(Long.class).single();
    }

    private long notificationOf(String who) {
        return jdbc.sql("""
                insert into notification (user_id, kind, title_key, body_key, args, link, created_at)
                values (:user, 'TEST', 'notification.test', 'notification.test', '[]', '/', now()) returning id""")
                .param("user", userId(who)).query(Long.class).single();
    }

    /** A campaign that reached the account in-app. */
    private String campaignSentTo(String who) {
        Map<String, Object> campaign = jdbc.sql("select id, source from delivery_campaign order by id limit 1").query().singleRow();
        long id = ((Number) campaign.get("id")).longValue();
        int target = jdbc.sql("select coalesce(max(target_no), 0) + 1 from delivery_target where campaign_id = :c").param("c", id)
                .query(Integer.class).single();
        jdbc.sql("""
                insert into delivery_target (campaign_id, target_no, user_id, name, region_code, grp, channels, round, notified_at)
                values (:c, :t, :user, :name, :region, '责任人', 'IN_APP', 1, now())""")
                .param("c", id).param("t", target).param("user", userId(who)).param("name", who).param("region", regionOf(who))
                .update();
        return (String) campaign.get("source");
    }

    private Response publicReport() {
        return api.send(HttpMethod.POST, "/public/hazards", null, Map.of("title", "河道护栏缺失", "description", "权限测试：护栏缺失",
                        "regionCode", "330105001055"),
                io.yingji.support.ClientAddresses.freshClient());
    }

    /** The smallest valid PNG: a 1×1 transparent pixel. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

}
