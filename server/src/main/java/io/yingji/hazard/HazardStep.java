package io.yingji.hazard;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The input of a step of the loop; which fields matter depends on the step (verify needs the most). */
public record HazardStep(@Nullable String comment, @Nullable String grade, @Nullable String category,
                         @Nullable String responsibleUnit, @Nullable LocalDate deadline, @Nullable Integer version) {

    public static HazardStep comment(String comment) {
        return new HazardStep(comment, null, null, null, null, null);
    }
}
