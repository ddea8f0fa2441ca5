package io.yingji.demo.internal;

import io.yingji.warning.WarningDraft;
import io.yingji.warning.WarningWorkflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A warning in force in the demo city: a rainstorm 黄色预警 for 米市巷街道 and the kilometre around the
 * demo enterprise's plant, drafted by the township station, approved by the district bureau — published
 * through the real workflow, so its audience is resolved and its delivery queued like any other.
 */
final class DemoWarnings {

    private final WarningWorkflow workflow;

    DemoWarnings(WarningWorkflow workflow) {
        this.workflow = workflow;
    }

    /**
     * Drafted and submitted as the current caller (the township); answers the id for the approver. The
     * circle is the kilometre around {@code centre}, which must lie in the township's own area (a drawn
     * area outside the drafter's jurisdiction is refused).
     */
    long draft(io.yingji.shared.GeoPoint centre, String place, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES);
        String circle = String.format(Locale.ROOT, "%.5f,%.5f 1", centre.latitude(), centre.longitude());
        WarningDraft draft = new WarningDraft("YELLOW", "Actual", "Public", null, null, "Met", "暴雨", "Prepare", "Expected", "Likely",
                "米市巷街道暴雨黄色预警",
                "受强对流云团影响，预计未来6小时米市巷街道及运河沿线将出现50毫米以上降水，局地伴有短时强降水和雷电，低洼地带可能积水。",
                "居民避免前往地下通道、地下车库等低洼处；沿河企业检查罐区围堰和排水设施，做好防雷；学校和养老院做好人员安全管理。",
                at, at, at.plusHours(12), "拱墅区米市巷街道应急管理站", null, "0571-12345",
                List.of(new WarningDraft.Area("REGION", "330105001", null, null, null, null),
                        new WarningDraft.Area("CIRCLE", null, null, circle, null, place + "周边1公里")),
                null);
        long id = workflow.draft(draft);
        workflow.submit(id);
        return id;
    }
}
