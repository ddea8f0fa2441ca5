package io.yingji.warning.internal;

import io.yingji.shared.Problem;
import io.yingji.shared.Problem.FieldProblem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The character encoding of a CAP document as XML defines it (XML 1.0 §4.3.3 and appendix F): a byte order mark,
 * else the XML declaration's {@code encoding}, else UTF-8. An imported document is kept as text decoded that way
 * (bytes that are not valid in it are refused, with where) and served again in the encoding its declaration names,
 * so what we serve is what came.
 */
final class CapEncoding {

    private static final Pattern DECLARED = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private CapEncoding() {
    }

    /** The document as text, or a 400 problem if its encoding is unknown or its bytes are not valid in it. */
    static String decode(byte[] document) {
        int bom = 0;
        Charset charset = null;
        if (startsWith(document, 0xEF, 0xBB, 0xBF)) {
            bom = 3;
            charset = StandardCharsets.UTF_8;
        } else if (startsWith(document, 0xFE, 0xFF)) {
            bom = 2;
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(document, 0xFF, 0xFE)) {
            bom = 2;
            charset = StandardCharsets.UTF_16LE;
        } else if (startsWith(document, 0x3C, 0x00, 0x3F, 0x00)) {
            // UTF-16 without a mark, recognised by "<?" as XML's appendix F does (and the parser does too)
            charset = StandardCharsets.UTF_16LE;
        } else if (startsWith(document, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
        }
        if (charset == null) {
            // otherwise the declaration is in ASCII whatever follows
            String head = new String(document, 0, Math.min(document.length, 200), StandardCharsets.ISO_8859_1);
            String name = declared(head);
            charset = name == null ? StandardCharsets.UTF_8 : charset(name);
        }
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(document, bom, document.length - bom);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(document.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw Problem.invalid(java.util.List.of(new FieldProblem(line, column, "alert", "warning.import.encoding-invalid",
                    charset.name(), in.position())));
        }
        out.flip();
        return out.toString();
    }

    /** The document's bytes in the encoding its declaration names (UTF-8 without one). */
    static byte[] encode(String document) {
        String name = declared(document);
        Charset charset;
        try {
            charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            charset = StandardCharsets.UTF_8;
        }
        return document.getBytes(charset);
    }

    private static @Nullable String declared(String head) {
        Matcher m = DECLARED.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw Problem.invalid(java.util.List.of(new FieldProblem(1, 1, "alert", "warning.import.encoding-unknown", name)));
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
