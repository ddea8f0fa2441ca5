package io.yingji.warning.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yingji.shared.Problem;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What everyone may see without logging in: public, actual warnings we published. Exercise and Test
 * messages, restricted and private ones, drafts and imports never appear here. The Atom feed also carries the
 * Cancels of such warnings for a while, and every absolute address is built from the configured public base URL.
 */
@RestController
@Tag(name = "预警信息发布 Early warnings (CAP 1.2)")
class PublicWarnings {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final int FEED_LIMIT = 200;

    /** A warning for the public page: no names of staff, no workflow details. */
    record PublicWarning(String identifier, Instant sent, String msgType, String state, boolean active, @Nullable String level,
                         String severity, String urgency, String certainty, String category, String event,
                         @Nullable String headline, @Nullable String description, @Nullable String instruction,
                         @Nullable Instant effective, @Nullable Instant onset, @Nullable Instant expires,
                         @Nullable String senderName, @Nullable String web, @Nullable String contact, @Nullable String note,
                         List<WarningView.AreaView> areas, String capUrl) {
    }

    private final WarningRepository warnings;
    private final CapWriter cap;
    private final Clock clock;
    private final WarningSettings settings;

    PublicWarnings(WarningRepository warnings, CapWriter cap, Clock clock, WarningSettings settings) {
        this.warnings = warnings;
        this.cap = cap;
        this.clock = clock;
        this.settings = settings;
    }

    private static boolean isPublic(Warning w) {
        return w.origin == Warning.Origin.LOCAL && w.sent != null && w.status.equals("Actual") && w.scope.equals("Public");
    }

    private Warning publicWarning(String identifier) {
        return warnings.ownByIdentifier(identifier).filter(PublicWarnings::isPublic)
                .orElseThrow(() -> Problem.notFound("warning", identifier));
    }

    @GetMapping("/public/warnings")
    @Operation(summary = "Public warnings in force (status Actual, scope Public, neither expired, updated nor cancelled), newest first")
    @Transactional(readOnly = true)
    List<PublicWarning> list() {
        Instant now = clock.instant();
        return warnings.publicActive(now, FEED_LIMIT).stream().map(w -> view(w, now)).toList();
    }

    @GetMapping("/public/warnings/{identifier}")
    @Operation(summary = "One public warning by its CAP identifier, also after it ended (state tells UPDATED, CANCELLED, EXPIRED)")
    @Transactional(readOnly = true)
    PublicWarning get(@PathVariable String identifier) {
        return view(publicWarning(identifier), clock.instant());
    }

    @GetMapping("/public/cap/{identifier}.xml")
    @Operation(summary = "A public warning as CAP 1.2 XML (application/cap+xml)")
    @Transactional(readOnly = true)
    ResponseEntity<byte[]> capDocument(@PathVariable String identifier) {
        return ResponseEntity.ok().contentType(WarningController.CAP_XML).body(cap.write(publicWarning(identifier), clock.instant()));
    }

    @GetMapping("/public/cap/feed.atom")
    @Operation(summary = "Atom feed of the public warnings in force and of their Cancels of the last day "
            + "(yingji.warning.feed-cancel-retention); each entry links to its CAP document; ids and links use yingji.warning.public-base-url")
    @Transactional(readOnly = true)
    ResponseEntity<byte[]> feed() {
        Instant now = clock.instant();
        List<Warning> active = warnings.publicFeed(now, now.minus(settings.feedCancelRetention()), FEED_LIMIT);
        String base = settings.publicBaseUrl();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(ATOM);
            x.writeStartElement(ATOM, "feed");
            x.writeDefaultNamespace(ATOM);
            text(x, "id", base + "/public/cap/feed.atom");
            text(x, "title", "应急预警信息 Emergency warnings");
            Instant updated = active.stream().map(w -> w.sent).max(Instant::compareTo).orElse(now);
            text(x, "updated", CapTimes.format(updated));
            link(x, "self", base + "/public/cap/feed.atom", "application/atom+xml");
            x.writeStartElement(ATOM, "author");
            text(x, "name", "应急管理局 Emergency management bureau");
            x.writeEndElement();
            for (Warning w : active) {
                String capUrl = base + "/public/cap/" + w.identifier + ".xml";
                x.writeStartElement(ATOM, "entry");
                text(x, "id", capUrl);
                text(x, "title", w.headline == null ? w.event : w.headline);
                text(x, "updated", CapTimes.format(w.sent));
                text(x, "published", CapTimes.format(w.sent));
                if (w.senderName != null) {
                    x.writeStartElement(ATOM, "author");
                    text(x, "name", w.senderName);
                    x.writeEndElement();
                }
                if (w.level != null) {
                    x.writeEmptyElement(ATOM, "category");
                    x.writeAttribute("term", w.level.name());
                    x.writeAttribute("label", w.level.colour() + "预警");
                }
                link(x, "alternate", capUrl, "application/cap+xml");
                link(x, "related", base + "/public/warnings/" + w.identifier, "application/json");
                // a Cancel says why it ends the warning (its note); the others summarise themselves
                text(x, "summary", w.msgType.equals("Cancel") && w.note != null ? w.note : w.description == null ? w.event : w.description);
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed", e);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8")).body(out.toByteArray());
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement(ATOM, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
    }

    private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
        x.writeStartElement(ATOM, element);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private PublicWarning view(Warning w, Instant now) {
        String capUrl = settings.publicBaseUrl() + "/public/cap/" + w.identifier + ".xml";
        return new PublicWarning(w.identifier, w.sent, w.msgType, w.state.name(), w.isActive(now), w.level == null ? null : w.level.name(),
                w.severity, w.urgency, w.certainty, w.category, w.event, w.headline, w.description, w.instruction, w.effective,
                w.onset, w.expires, w.senderName, w.web, w.contact, w.note,
                w.areas.stream().map(WarningView.AreaView::of).toList(), capUrl);
    }
}
