package io.yingji.hazard;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The input of a step of the loop; which fields matter depends on the step (verify needs the most).
 * {@code attachmentIds} are photos and documents uploaded to the hazard beforehand that are the step's
 * evidence (整改 photos, an acceptance report): they are recorded with the step.
 */
public record HazardStep(@Nullable String comment, @Nullable String grade, @Nullable String category,
                         @Nullable String responsibleUnit, @Nullable LocalDate deadline, @Nullable Integer version,
                         @Nullable List<Long> attachmentIds) {

    public static HazardStep comment(String comment) {
        return new HazardStep(comment, null, null, null, null, null, null);
    }
}
