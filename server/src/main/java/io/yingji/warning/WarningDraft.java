package io.yingji.warning;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A warning as written by its drafter: the CAP alert and info fields a person chooses. The severity
 * follows from the level; identifier, sender, sent, msgType and references are the platform's.
 * Every field is nullable so validation can say precisely what is missing. The platform's fields of
 * the warning as read (the API's WarningView) are accepted and ignored, so a draft as read can be sent back.
 *
 * @param status    CAP status of the message: Actual, Exercise or Test
 * @param scope     CAP scope: Public, Restricted (with {@code restriction}) or Private (with {@code addresses})
 * @param category  CAP category: Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other
 * @param note      CAP note (optional); an Exercise without one gets a note naming the exercise
 */
@JsonIgnoreProperties({"id", "identifier", "sender", "sent", "origin", "state", "active", "msgType", "references",
        "predecessorId", "severity", "language", "regionCode", "draftedBy", "approvedBy", "rejectReason", "createdAt", "updatedAt"})
public record WarningDraft(@Nullable String level, @Nullable String status, @Nullable String scope,
                           @Nullable String restriction, @Nullable List<String> addresses, @Nullable String category,
                           @Nullable String event, @Nullable String responseType, @Nullable String urgency,
                           @Nullable String certainty, @Nullable String headline, @Nullable String description,
                           @Nullable String instruction, @Nullable OffsetDateTime effective, @Nullable OffsetDateTime onset,
                           @Nullable OffsetDateTime expires, @Nullable String senderName, @Nullable String web,
                           @Nullable String contact, @Nullable List<Area> areas, @Nullable Integer version,
                           @Nullable String note) {

    /** A draft without a note. */
    public WarningDraft(@Nullable String level, @Nullable String status, @Nullable String scope,
                        @Nullable String restriction, @Nullable List<String> addresses, @Nullable String category,
                        @Nullable String event, @Nullable String responseType, @Nullable String urgency,
                        @Nullable String certainty, @Nullable String headline, @Nullable String description,
                        @Nullable String instruction, @Nullable OffsetDateTime effective, @Nullable OffsetDateTime onset,
                        @Nullable OffsetDateTime expires, @Nullable String senderName, @Nullable String web,
                        @Nullable String contact, @Nullable List<Area> areas, @Nullable Integer version) {
        this(level, status, scope, restriction, addresses, category, event, responseType, urgency, certainty, headline,
                description, instruction, effective, onset, expires, senderName, web, contact, areas, version, null);
    }

    /**
     * One area: {@code REGION} (a GB/T 2260 region code, sent as a CAP geocode), {@code POLYGON} (CAP text
     * "lat,lon lat,lon …", a closed ring of at least 4 points), {@code CIRCLE} ("lat,lon radius-km") or
     * {@code ZONE} (a zone of a risk zoning layer, sent as its polygons). Polygons and circles need an
     * {@code areaDesc}; regions and zones are described by their names. The CAP polygons of an area as
     * read ({@code polygons}) are the platform's and ignored.
     */
    @JsonIgnoreProperties({"polygons"})
    public record Area(@Nullable String kind, @Nullable String regionCode, @Nullable String polygon, @Nullable String circle,
                       @Nullable Long zoneId, @Nullable String areaDesc) {
    }
}
