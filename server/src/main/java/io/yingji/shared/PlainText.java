package io.yingji.shared;

import io.yingji.shared.Problem.FieldProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Text a person typed or a file brought in, as every module accepts it: Unicode without control
 * characters (C0 other than tab, line feed and carriage return; DEL; C1), without the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text display other than
 * it reads, and without unpaired surrogates (which PostgreSQL cannot store). Files are read as UTF-8
 * only, strictly: a byte sequence that is not UTF-8 (a GBK or GB18030 export, UTF-16) is refused
 * rather than stored as mojibake. JSON input passes the same check in the platform's JSON reader.
 */
public final class PlainText {

    private PlainText() {
    }

    /** The index of the first character text may not hold, or -1 when there is none. */
    public static int forbiddenAt(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (isForbidden(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The character at {@code index} as the caller should read it: "U+001B". */
    public static String describe(CharSequence text, int index) {
        return String.format("U+%04X", (int) text.charAt(index));
    }

    /**
     * The field problem of a text holding a forbidden character, or null when it holds none;
     * {@code line} is the line of an imported file, null for a request body.
     */
    public static @Nullable FieldProblem problemOf(@Nullable Integer line, String field, @Nullable CharSequence text) {
        if (text == null) {
            return null;
        }
        int at = forbiddenAt(text);
        return at < 0 ? null : new FieldProblem(line, field, "text.forbidden-character", field, describe(text, at), at + 1);
    }

    private static boolean isForbidden(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                || c >= 0x7F && c <= 0x9F
                || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069
                || Character.isSurrogate(c);
    }

    /**
     * The content of an uploaded text file named {@code field}: UTF-8 with or without its byte order
     * mark. Anything else is a 400 naming the line and the byte where decoding failed (a UTF-16 file by
     * its byte order mark); a GBK or GB18030 file is not guessed at, the user saves it as UTF-8.
     */
    public static String decodeUtf8(byte[] bytes, String field) {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF || bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)) {
            throw Problem.invalid(List.of(new FieldProblem(1, field, "text.file.utf16")));
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            // decode stops where the input is not UTF-8: name that place
            int bad = firstInvalid(bytes, start);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw Problem.invalid(List.of(new FieldProblem(line, field, "text.file.not-utf8", bad - lineStart + 1)));
        }
    }

    /** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
    private static int firstInvalid(byte[] bytes, int from) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
        decoder.decode(in, out, true);
        return in.position();
    }
}
