package io.yingji.enterprise.internal;

import io.yingji.enterprise.MajorHazardSources;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@link MajorHazardSources} for other modules: the endpoint's own path, so the checks and the audit are the same. */
@Component
class HazardSourcePort implements MajorHazardSources {

    private final HazardSourceController controller;

    HazardSourcePort(HazardSourceController controller) {
        this.controller = controller;
    }

    @Override
    public Registered register(long enterpriseId, String name, int exposedPeople, List<Stored> chemicals) {
        HazardSourceController.HazardSource created = controller.create(enterpriseId, new HazardSourceController.HazardSourceDraft(
                name, exposedPeople, chemicals.stream()
                        .map(c -> new HazardSourceController.ChemicalQuantity(c.chemical(), c.quantity())).toList()))
                .getBody();
        if (created == null) {
            throw new IllegalStateException("A created hazard source comes back in the answer");
        }
        return new Registered(created.id(), created.name(), created.s(), created.r(), created.grade());
    }
}
