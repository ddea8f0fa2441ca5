package io.yingji.hazard.internal;

import io.yingji.hazard.SupervisionLevel;
import io.yingji.shared.Problem;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A hidden hazard and its closed loop. Each state change is a method that checks it is allowed from
 * the current state and answers the event to record; illegal transitions are a 409 problem.
 *
 * <pre>
 * REPORTED ──verify──▶ VERIFIED ──assign──▶ ASSIGNED ──progress──▶ REMEDIATING ──complete──▶ REMEDIATED ──accept──▶ CLOSED
 *    └──dismiss──▶ DISMISSED                     └──────complete─────────────────────────────▲      └──reject──▶ REMEDIATING
 * </pre>
 */
final class Hazard {

    enum Status { REPORTED, VERIFIED, ASSIGNED, REMEDIATING, REMEDIATED, CLOSED, DISMISSED }

    enum Grade { GENERAL, MAJOR }

    /** What a transition did, for the history. */
    record Transition(String action, @Nullable Status from, Status to) {
    }

    long id;
    Status status;
    String regionCode;
    int regionLevel;
    @Nullable Long enterpriseId;
    @Nullable Grade grade;
    @Nullable String category;
    @Nullable String responsibleUnit;
    @Nullable LocalDate deadline;
    @Nullable SupervisionLevel supervisingLevel;
    int escalations;
    @Nullable Instant overdueSince;
    @Nullable Instant closedAt;
    int version;

    Hazard(long id, Status status, String regionCode, int regionLevel, @Nullable Long enterpriseId) {
        this.id = id;
        this.status = status;
        this.regionCode = regionCode;
        this.regionLevel = regionLevel;
        this.enterpriseId = enterpriseId;
    }

    /**
     * 核实认定: grade, category, responsible unit and deadline. The supervising level is the
     * hazard's own (township for townships and villages, county for a county); a 重大 hazard is always
     * supervised one level higher. The deadline may not lie beyond what that level allows.
     */
    Transition verify(Grade grade, String category, String responsibleUnit, LocalDate deadline, LocalDate today) {
        require(Status.REPORTED, "hazard.transition.verify");
        SupervisionLevel level = SupervisionLevel.of(regionLevel);
        if (grade == Grade.MAJOR) {
            level = level.higher();
        }
        if (deadline.isBefore(today)) {
            throw Problem.invalid("deadline", "hazard.deadline.past");
        }
        LocalDate latest = today.plusDays(level.days());
        if (deadline.isAfter(latest)) {
            throw Problem.invalid("deadline", "hazard.deadline.too-late", latest.toString(), level.days());
        }
        this.grade = grade;
        this.category = category;
        this.responsibleUnit = responsibleUnit;
        this.deadline = deadline;
        this.supervisingLevel = level;
        return move("verify", Status.VERIFIED);
    }

    Transition dismiss() {
        require(Status.REPORTED, "hazard.transition.dismiss");
        return move("dismiss", Status.DISMISSED);
    }

    /** 交办 to the responsible unit. */
    Transition assign() {
        require(Status.VERIFIED, "hazard.transition.assign");
        return move("assign", Status.ASSIGNED);
    }

    /** 整改 progress; the first report moves an assigned hazard into remediation. */
    Transition progress() {
        if (status != Status.ASSIGNED && status != Status.REMEDIATING) {
            throw conflict("hazard.transition.progress");
        }
        return move("progress", Status.REMEDIATING);
    }

    /** 整改完成, ready for acceptance. */
    Transition complete() {
        if (status != Status.ASSIGNED && status != Status.REMEDIATING) {
            throw conflict("hazard.transition.complete");
        }
        return move("complete", Status.REMEDIATED);
    }

    /** 验收 passed: 销号. */
    Transition accept(Instant at) {
        require(Status.REMEDIATED, "hazard.transition.accept");
        closedAt = at;
        overdueSince = null;
        return move("accept", Status.CLOSED);
    }

    /** 验收 failed: back to remediation. */
    Transition reject() {
        require(Status.REMEDIATED, "hazard.transition.reject");
        return move("reject", Status.REMEDIATING);
    }

    boolean isOpen() {
        return status != Status.CLOSED && status != Status.DISMISSED;
    }

    /**
     * 督办: past its deadline (after the whole deadline day in Asia/Shanghai) and still open, the hazard
     * goes up one supervising level, once per overdue period; answers whether it escalated now.
     */
    boolean escalateIfOverdue(LocalDate today, Instant now) {
        if (!isOpen() || deadline == null || !today.isAfter(deadline) || overdueSince != null) {
            return false;
        }
        overdueSince = now;
        escalations++;
        supervisingLevel = supervisingLevel == null ? SupervisionLevel.of(regionLevel).higher() : supervisingLevel.higher();
        return true;
    }

    private void require(Status expected, String messageKey) {
        if (status != expected) {
            throw conflict(messageKey);
        }
    }

    private Problem conflict(String messageKey) {
        return Problem.conflict(messageKey, status.name());
    }

    private Transition move(String action, Status to) {
        Status from = status;
        status = to;
        return new Transition(action, from, to);
    }
}
