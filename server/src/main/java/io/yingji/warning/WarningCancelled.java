package io.yingji.warning;

/** A published warning was cancelled (解除) by a Cancel message ({@code cancelWarningId}); stop re-notifying for it. */
public record WarningCancelled(long warningId, String identifier, long cancelWarningId, String regionCode) {
}
