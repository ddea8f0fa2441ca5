package io.yingji.hazard.internal;

import org.springframework.stereotype.Component;

/** Runs one supervision pass on demand (operations, and tests with a moved clock). */
@Component
public class SupervisionRunner {

    private final Supervision supervision;

    SupervisionRunner(Supervision supervision) {
        this.supervision = supervision;
    }

    /** Answers how many hazards were escalated. */
    public int run() {
        return supervision.run();
    }
}
