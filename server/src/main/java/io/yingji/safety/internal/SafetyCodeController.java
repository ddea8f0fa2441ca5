package io.yingji.safety.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.access.CallerContext;
import io.yingji.access.Permissions;
import io.yingji.enterprise.Enterprise;
import io.yingji.enterprise.EnterpriseRegistry;
import io.yingji.safety.SafetyCode;
import io.yingji.shared.Problem;
import io.yingji.shared.RegionCode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "安全码 Safety code")
class SafetyCodeController {

    record CodeView(long enterpriseId, String code, List<String> reasons, @Nullable Instant computedAt) {
    }

    private final SafetyCodes codes;
    private final EnterpriseRegistry enterprises;
    private final CallerContext callers;
    private final MessageSource messages;

    SafetyCodeController(SafetyCodes codes, EnterpriseRegistry enterprises, CallerContext callers, MessageSource messages) {
        this.codes = codes;
        this.enterprises = enterprises;
        this.callers = callers;
        this.messages = messages;
    }

    @GetMapping("/api/enterprises/{id}/safety-code")
    @Operation(summary = "The enterprise's safety code (红/黄/绿) with the reasons, in the caller's language")
    CodeView code(@PathVariable long id) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        Enterprise enterprise = enterprises.find(id).orElseThrow(() -> Problem.notFound("enterprise", id));
        Locale locale = LocaleContextHolder.getLocale();
        return codes.ofVisible(enterprise.id())
                .map(stored -> new CodeView(id, stored.code(), stored.reasons().stream()
                        .map(r -> messages.getMessage(r.key(), new Object[] {r.count()}, r.key(), locale)).toList(),
                        stored.computedAt()))
                .orElse(new CodeView(id, SafetyCode.Colour.GREEN.name(), List.of(), null));
    }

    @GetMapping("/api/safety-codes")
    @Operation(summary = "Enterprises in scope whose code is 红 or 黄 (all others are 绿), for the map layer")
    Map<Long, String> notGreen(@RequestParam(required = false) @Nullable String regionCode) {
        callers.requirePermission(Permissions.ENTERPRISE_READ);
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw Problem.invalid("regionCode", "enterprise.region.invalid", regionCode);
        }
        return codes.notGreen(regionCode);
    }
}
