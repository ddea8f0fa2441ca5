package io.yingji.warning;

/** A published warning was replaced by an Update message ({@code updateWarningId}); it is no longer active itself. */
public record WarningUpdated(long warningId, String identifier, long updateWarningId) {
}
