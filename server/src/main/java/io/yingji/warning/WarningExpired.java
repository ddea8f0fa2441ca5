package io.yingji.warning;

/** A published warning passed its expiry time and is no longer active. */
public record WarningExpired(long warningId, String identifier, String regionCode) {
}
