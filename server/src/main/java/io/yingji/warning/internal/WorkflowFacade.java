package io.yingji.warning.internal;

import io.yingji.warning.WarningDraft;
import io.yingji.warning.WarningWorkflow;
import org.springframework.stereotype.Component;

/** {@link WarningWorkflow} over the desk the API uses. */
@Component
class WorkflowFacade implements WarningWorkflow {

    private final WarningDesk desk;

    WorkflowFacade(WarningDesk desk) {
        this.desk = desk;
    }

    @Override
    public long draft(WarningDraft draft) {
        return desk.draft(draft).id;
    }

    @Override
    public void submit(long id) {
        desk.submit(id, null);
    }

    @Override
    public void approve(long id) {
        desk.approve(id, null);
    }
}
