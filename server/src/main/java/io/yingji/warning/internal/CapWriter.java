package io.yingji.warning.internal;

import io.yingji.shared.Problem;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a warning as a CAP 1.2 alert document and checks it against the official schema before it
 * leaves: a document that does not validate is never emitted (500, logged), because other platforms
 * would reject or, worse, misread it. Elements follow the schema's order.
 */
@Component
class CapWriter {

    private static final Logger log = LoggerFactory.getLogger(CapWriter.class);
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newInstance();

    /** The geocode valueName of a Chinese administrative division code. */
    static final String GEOCODE_NAME = "GB/T 2260";

    private final CapSchema schema;

    CapWriter(CapSchema schema) {
        this.schema = schema;
    }

    /**
     * The warning's CAP document. A message not yet published is written as a preview: status Draft
     * (CAP: "not actionable in its current form") and sent at {@code now}.
     */
    byte[] write(Warning w, Instant now) {
        // an imported document is served as it came: in the encoding its XML declaration names
        byte[] document = w.capXml != null ? CapEncoding.encode(w.capXml) : render(w, now);
        List<CapSchema.Error> errors = schema.validate(document);
        if (!errors.isEmpty()) {
            log.error("CAP document of warning {} does not validate: {}", w.id, errors);
            throw new Problem(500, "warning.cap.invalid");
        }
        return document;
    }

    private static byte[] render(Warning w, Instant now) {
        boolean published = w.sent != null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(CapSchema.NAMESPACE);
            x.writeStartElement(CapSchema.NAMESPACE, "alert");
            x.writeDefaultNamespace(CapSchema.NAMESPACE);
            text(x, "identifier", w.identifier);
            text(x, "sender", w.sender);
            text(x, "sent", CapTimes.format(published ? w.sent : now));
            text(x, "status", published ? w.status : "Draft");
            text(x, "msgType", w.msgType);
            text(x, "scope", w.scope);
            if (w.scope.equals("Restricted")) {
                text(x, "restriction", w.restriction);
            }
            if (w.scope.equals("Private")) {
                text(x, "addresses", CapText.addresses(w.addresses));
            }
            text(x, "note", w.note);
            if (!w.references.isEmpty()) {
                text(x, "references", String.join(" ", w.references));
            }
            x.writeStartElement(CapSchema.NAMESPACE, "info");
            text(x, "language", w.language);
            text(x, "category", w.category);
            text(x, "event", w.event);
            text(x, "responseType", w.responseType);
            text(x, "urgency", w.urgency);
            text(x, "severity", w.severity);
            text(x, "certainty", w.certainty);
            if (w.effective != null) {
                text(x, "effective", CapTimes.format(w.effective));
            }
            if (w.onset != null) {
                text(x, "onset", CapTimes.format(w.onset));
            }
            if (w.expires != null) {
                text(x, "expires", CapTimes.format(w.expires));
            }
            text(x, "senderName", w.senderName);
            text(x, "headline", w.headline);
            text(x, "description", w.description);
            text(x, "instruction", w.instruction);
            text(x, "web", w.web);
            text(x, "contact", w.contact);
            if (w.level != null) {
                // the Chinese level itself, for receivers that show 红色预警 rather than a severity
                x.writeStartElement(CapSchema.NAMESPACE, "parameter");
                text(x, "valueName", "预警级别");
                text(x, "value", w.level.colour() + "预警（" + w.level.grade() + "级）");
                x.writeEndElement();
            }
            for (Warning.Area area : w.areas) {
                x.writeStartElement(CapSchema.NAMESPACE, "area");
                text(x, "areaDesc", area.areaDesc());
                for (String polygon : area.polygons()) {
                    text(x, "polygon", polygon);
                }
                text(x, "circle", area.circle());
                if (area.regionCode() != null) {
                    x.writeStartElement(CapSchema.NAMESPACE, "geocode");
                    text(x, "valueName", area.geocodeName() == null ? GEOCODE_NAME : area.geocodeName());
                    text(x, "value", area.regionCode());
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write CAP", e);
        }
        return out.toByteArray();
    }

    private static void text(XMLStreamWriter x, String element, @Nullable String value) throws XMLStreamException {
        if (value == null || value.isEmpty()) {
            return;
        }
        x.writeStartElement(CapSchema.NAMESPACE, element);
        x.writeCharacters(value);
        x.writeEndElement();
    }
}
