package io.yingji.hazard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yingji.hazard.SupervisionLevel;
import io.yingji.shared.Problem;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class HazardTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    private static Hazard reportedIn(int regionLevel) {
        return new Hazard(1, Hazard.Status.REPORTED, "330105001", regionLevel, 7L);
    }

    private static Hazard verified(Hazard.Grade grade, int days) {
        Hazard hazard = reportedIn(4);
        hazard.verify(grade, "FIRE", "某公司", TODAY.plusDays(days), TODAY);
        return hazard;
    }

    private static int status(Runnable action) {
        try {
            action.run();
            return 200;
        } catch (Problem problem) {
            return problem.status();
        }
    }

    @Test
    void aTownshipHazardIsSupervisedByTheTownshipForFifteenDays() {
        Hazard hazard = verified(Hazard.Grade.GENERAL, 15);
        assertThat(hazard.supervisingLevel).isEqualTo(SupervisionLevel.TOWNSHIP);
        assertThat(hazard.status).isEqualTo(Hazard.Status.VERIFIED);
        assertThatThrownBy(() -> reportedIn(4).verify(Hazard.Grade.GENERAL, "FIRE", "u", TODAY.plusDays(16), TODAY))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldProblems().get(0).messageKey())
                        .isEqualTo("hazard.deadline.too-late"));
    }

    @Test
    void aMajorHazardIsAlwaysSupervisedOneLevelHigher() {
        assertThat(verified(Hazard.Grade.MAJOR, 30).supervisingLevel).isEqualTo(SupervisionLevel.COUNTY);
        Hazard county = reportedIn(3);
        county.verify(Hazard.Grade.MAJOR, "FIRE", "u", TODAY.plusDays(60), TODAY);
        assertThat(county.supervisingLevel).isEqualTo(SupervisionLevel.CITY);
        Hazard countyGeneral = reportedIn(3);
        assertThatThrownBy(() -> countyGeneral.verify(Hazard.Grade.GENERAL, "FIRE", "u", TODAY.plusDays(31), TODAY))
                .isInstanceOf(Problem.class);
    }

    @Test
    void aDeadlineInThePastIsRefused() {
        assertThatThrownBy(() -> reportedIn(4).verify(Hazard.Grade.GENERAL, "FIRE", "u", TODAY.minusDays(1), TODAY))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.fieldProblems().get(0).messageKey())
                        .isEqualTo("hazard.deadline.past"));
    }

    @Test
    void theLoopRunsInOrderWithARejectionBackToRemediation() {
        Hazard hazard = verified(Hazard.Grade.GENERAL, 10);
        assertThat(hazard.assign().to()).isEqualTo(Hazard.Status.ASSIGNED);
        assertThat(hazard.progress().to()).isEqualTo(Hazard.Status.REMEDIATING);
        assertThat(hazard.complete().to()).isEqualTo(Hazard.Status.REMEDIATED);
        assertThat(hazard.reject().to()).isEqualTo(Hazard.Status.REMEDIATING);
        hazard.complete();
        assertThat(hazard.accept(NOW).to()).isEqualTo(Hazard.Status.CLOSED);
        assertThat(hazard.closedAt).isEqualTo(NOW);
    }

    @Test
    void everyIllegalTransitionIsAConflict() {
        assertThat(status(() -> reportedIn(4).assign())).isEqualTo(409);
        assertThat(status(() -> reportedIn(4).progress())).isEqualTo(409);
        assertThat(status(() -> reportedIn(4).complete())).isEqualTo(409);
        assertThat(status(() -> reportedIn(4).accept(NOW))).isEqualTo(409);
        assertThat(status(() -> reportedIn(4).reject())).isEqualTo(409);
        assertThat(status(() -> verified(Hazard.Grade.GENERAL, 5).verify(Hazard.Grade.GENERAL, "FIRE", "u", TODAY, TODAY))).isEqualTo(409);
        assertThat(status(() -> verified(Hazard.Grade.GENERAL, 5).dismiss())).isEqualTo(409);
        assertThat(status(() -> verified(Hazard.Grade.GENERAL, 5).complete())).isEqualTo(409);
        assertThat(status(() -> verified(Hazard.Grade.GENERAL, 5).accept(NOW))).isEqualTo(409);
        Hazard assigned = verified(Hazard.Grade.GENERAL, 5);
        assigned.assign();
        assertThat(status(assigned::reject)).isEqualTo(409);
        assertThat(status(() -> assigned.accept(NOW))).isEqualTo(409);
        Hazard closed = verified(Hazard.Grade.GENERAL, 5);
        closed.assign();
        closed.complete();
        closed.accept(NOW);
        assertThat(status(closed::progress)).isEqualTo(409);
        assertThat(status(closed::reject)).isEqualTo(409);
    }

    @Test
    void escalatesTheDayAfterTheDeadlineAndOnlyOnce() {
        Hazard hazard = verified(Hazard.Grade.GENERAL, 3);
        assertThat(hazard.escalateIfOverdue(TODAY.plusDays(3), NOW)).as("on the deadline day itself").isFalse();
        assertThat(hazard.escalateIfOverdue(TODAY.plusDays(4), NOW)).isTrue();
        assertThat(hazard.supervisingLevel).isEqualTo(SupervisionLevel.COUNTY);
        assertThat(hazard.escalations).isEqualTo(1);
        assertThat(hazard.escalateIfOverdue(TODAY.plusDays(5), NOW)).as("already escalated for this period").isFalse();
    }

    @Test
    void closedHazardsNeverEscalate() {
        Hazard hazard = verified(Hazard.Grade.GENERAL, 1);
        hazard.assign();
        hazard.complete();
        hazard.accept(NOW);
        assertThat(hazard.escalateIfOverdue(TODAY.plusDays(30), NOW)).isFalse();
    }

    @Test
    void theCityIsTheTopOfSupervision() {
        assertThat(SupervisionLevel.CITY.higher()).isEqualTo(SupervisionLevel.CITY);
        assertThat(SupervisionLevel.of(5)).isEqualTo(SupervisionLevel.TOWNSHIP);
        assertThat(SupervisionLevel.of(3).days()).isEqualTo(30);
        assertThat(SupervisionLevel.CITY.days()).isEqualTo(60);
    }
}
