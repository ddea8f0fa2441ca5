package io.yingji.hazard.internal;

import io.yingji.access.Permissions;
import io.yingji.hazard.SupervisionLevel;
import io.yingji.identity.Recipients;
import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import io.yingji.shared.Industry;
import io.yingji.shared.RegionCode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells the people of a hazard what they must do next, in their in-app inbox: the responsible people
 * (the enterprise's accounts, or the township's remediation staff for a hazard without an enterprise)
 * when it is assigned, rejected at acceptance or nearly due; the supervisors (verifiers at the
 * supervising level's region, industry departments only for their industry; the next level up where
 * that region has nobody) when it awaits acceptance;
 * both, and the level it left, when it is escalated.
 */
@Component
class HazardReminders {

    private final HazardRepository hazards;
    private final Inbox inbox;
    private final Recipients recipients;
    private final int reminderDays;

    HazardReminders(HazardRepository hazards, Inbox inbox, Recipients recipients,
                    @Value("${yingji.hazard.reminder-days:3}") int reminderDays) {
        this.hazards = hazards;
        this.inbox = inbox;
        this.recipients = recipients;
        this.reminderDays = reminderDays;
    }

    /** After a step of the loop, in its transaction. */
    void stepped(long id, Hazard.Transition transition) {
        HazardRepository.HazardView hazard = hazards.view(id).orElseThrow();
        switch (transition.action()) {
            case "assign" -> inbox.deliver(notice("hazard.assigned", hazard, String.valueOf(hazard.deadline())), responsible(hazard));
            case "reject" -> inbox.deliver(notice("hazard.rejected", hazard, String.valueOf(hazard.deadline())), responsible(hazard));
            case "complete" -> inbox.deliver(notice("hazard.completed", hazard), supervisors(hazard, level(hazard)));
            default -> {
                // the other steps need nobody to act: the one who made them already knows
            }
        }
    }

    /** In the supervision job's transaction for one hazard: reminds its people if its deadline is near. */
    boolean remindIfDue(long id, LocalDate today) {
        if (!hazards.markReminded(id)) {
            return false;
        }
        HazardRepository.HazardView hazard = hazards.view(id).orElseThrow();
        LocalDate deadline = hazard.deadline();
        if (deadline == null) {
            return false;
        }
        List<Long> people = new ArrayList<>(responsible(hazard));
        people.addAll(supervisors(hazard, level(hazard)));
        inbox.deliver(notice("hazard.due", hazard, deadline.toString(), String.valueOf(ChronoUnit.DAYS.between(today, deadline))), people);
        return true;
    }

    List<Long> dueCandidates(LocalDate today) {
        return hazards.dueCandidates(today, today.plusDays(reminderDays));
    }

    /** The hazard was escalated from {@code previous} to its current supervising level. */
    void escalated(long id, @Nullable SupervisionLevel previous) {
        HazardRepository.HazardView hazard = hazards.view(id).orElseThrow();
        SupervisionLevel now = level(hazard);
        List<Long> people = new ArrayList<>(responsible(hazard));
        people.addAll(supervisors(hazard, now));
        if (previous != null && previous != now) {
            people.addAll(supervisors(hazard, previous));
        }
        inbox.deliver(notice("hazard.overdue", hazard, String.valueOf(hazard.deadline()), "#supervision.level." + now.name()), people);
    }

    private List<Long> responsible(HazardRepository.HazardView hazard) {
        if (hazard.enterpriseId() != null) {
            return recipients.ofEnterprise(hazard.enterpriseId());
        }
        return holders(hazard, SupervisionLevel.TOWNSHIP, Permissions.HAZARD_REMEDIATE);
    }

    private List<Long> supervisors(HazardRepository.HazardView hazard, SupervisionLevel level) {
        return holders(hazard, level, Permissions.HAZARD_VERIFY);
    }

    /**
     * The accounts holding {@code permission} at the level's region; where that region has none (a
     * township without an account yet), the next level up, so a reminder never goes to nobody.
     */
    private List<Long> holders(HazardRepository.HazardView hazard, SupervisionLevel level, String permission) {
        SupervisionLevel at = level;
        while (true) {
            List<Long> found = recipients.atRegion(regionAt(hazard.regionCode(), at), permission, industry(hazard));
            if (!found.isEmpty() || at == SupervisionLevel.CITY) {
                return found;
            }
            at = at.higher();
        }
    }

    /** The region that supervises at {@code level}: the township (or the county itself), the county, the city. */
    static RegionCode regionAt(String regionCode, SupervisionLevel level) {
        return RegionCode.of(switch (level) {
            case TOWNSHIP -> regionCode.length() >= 9 ? regionCode.substring(0, 9) : regionCode.substring(0, 6);
            case COUNTY -> regionCode.substring(0, 6);
            case CITY -> regionCode.substring(0, 4) + "00";
        });
    }

    private static SupervisionLevel level(HazardRepository.HazardView hazard) {
        return hazard.supervisingLevel() == null ? SupervisionLevel.of(RegionCode.of(hazard.regionCode()).level())
                : SupervisionLevel.valueOf(hazard.supervisingLevel());
    }

    private static @Nullable Industry industry(HazardRepository.HazardView hazard) {
        return hazard.industry() == null ? null : Industry.valueOf(hazard.industry());
    }

    private static Notice notice(String kind, HazardRepository.HazardView hazard, String... more) {
        List<String> args = new ArrayList<>(List.of(hazard.title()));
        args.addAll(List.of(more));
        return new Notice(kind, "notice." + kind + ".title", "notice." + kind + ".body", args, "/hazards/" + hazard.id());
    }
}
