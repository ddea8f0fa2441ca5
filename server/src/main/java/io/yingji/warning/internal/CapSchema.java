package io.yingji.warning.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.springframework.stereotype.Component;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The OASIS CAP 1.2 schema (a copy of the official cap-1.2.xsd in the resources) and a hardened XML
 * parser: no DOCTYPE at all (so no entity expansion, no external entities, no XXE), no external schema
 * or DTD access. Every document we emit and every document we import passes through here.
 */
@Component
class CapSchema {

    static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

    /** One error found while parsing or validating, where the parser saw it. */
    record Error(int line, int column, String message, boolean wellFormedness) {
    }

    private final Schema schema;

    CapSchema() throws SAXException, IOException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (InputStream xsd = CapSchema.class.getResourceAsStream("/cap/cap-1.2.xsd")) {
            if (xsd == null) {
                throw new IllegalStateException("cap/cap-1.2.xsd is missing from the class path");
            }
            schema = factory.newSchema(new StreamSource(xsd));
        }
    }

    /** A namespace-aware SAX reader that refuses any DOCTYPE and never fetches anything. */
    static XMLReader secureReader() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be secured", e);
        }
    }

    /** Every schema error of the document (or its first well-formedness error, after which nothing can be read). */
    List<Error> validate(byte[] document) {
        List<Error> errors = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(new Error(e.getLineNumber(), e.getColumnNumber(), e.getMessage(), false));
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                errors.add(new Error(e.getLineNumber(), e.getColumnNumber(), e.getMessage(), true));
                throw e;
            }
        };
        try {
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(collect);
            XMLReader reader = secureReader();
            reader.setErrorHandler(collect);
            validator.validate(new SAXSource(reader, new InputSource(new ByteArrayInputStream(document))));
        } catch (SAXParseException alreadyCollected) {
            if (errors.isEmpty()) {
                errors.add(new Error(alreadyCollected.getLineNumber(), alreadyCollected.getColumnNumber(),
                        alreadyCollected.getMessage(), true));
            }
        } catch (SAXException | IOException e) {
            errors.add(new Error(0, 0, String.valueOf(e.getMessage()), true));
        }
        return errors;
    }
}
