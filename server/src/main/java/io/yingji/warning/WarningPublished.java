package io.yingji.warning;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A CAP message went out: an Alert, an Update (replacing {@code replacesWarningId}) or a Cancel (of
 * {@code replacesWarningId}). Every message that must reach its recipients is announced exactly once by
 * this event; Exercise and Test messages only to their intended recipients. Details (areas, texts) come
 * from {@link WarningPublication#published}.
 */
public record WarningPublished(long warningId, String identifier, String sender, Instant sent, String msgType, String status,
                               String scope, @Nullable String level, String regionCode, @Nullable Long replacesWarningId,
                               @Nullable Instant expires) {
}
