package io.yingji.warning;

/**
 * The warning workflow for other modules (e.g. loading the demo city), acting as the current caller
 * with the same rules as the API: drafting within the caller's scope, approval by someone else at the
 * issuing level or above (four-eyes). Refusals are thrown as {@link io.yingji.shared.Problem}s.
 */
public interface WarningWorkflow {

    /** Drafts a warning; answers its id. */
    long draft(WarningDraft draft);

    /** Submits a draft for approval. */
    void submit(long id);

    /** Approves a submitted warning, which publishes it. */
    void approve(long id);
}
