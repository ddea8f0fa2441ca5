package io.yingji.hazard.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes the metadata a camera or phone writes into a photo (EXIF with GPS position, device, time;
 * XMP; comments) while keeping the picture: JPEG APP1–APP15 and COM segments, PNG text and eXIf
 * chunks. Other types, and files it cannot walk, come back unchanged.
 */
final class PhotoMetadata {

    private PhotoMetadata() {
    }

    static byte[] strip(byte[] content, String type) {
        try {
            return switch (type) {
                case "image/jpeg" -> jpeg(content);
                case "image/png" -> png(content);
                default -> content;
            };
        } catch (RuntimeException malformed) {
            return content;
        }
    }

    /** Walks the segments up to the start of the scan; drops APPn (n ≥ 1) and COM, keeps the rest and the image data. */
    static byte[] jpeg(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 2); // SOI
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return b; // not a segment where one must be: leave the file alone
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xDA) { // start of scan: the image data follows to the end
                out.write(b, i, b.length - i);
                return out.toByteArray();
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > b.length) {
                return b;
            }
            boolean metadata = (marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE;
            if (!metadata) {
                out.write(b, i, 2 + length);
            }
            i += 2 + length;
        }
        return b;
    }

    /** Keeps every chunk but tEXt, zTXt, iTXt and eXIf. */
    static byte[] png(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 8); // signature
        int i = 8;
        while (i + 12 <= b.length) {
            int length = ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length < 0 || i + 12 + length > b.length) {
                return b;
            }
            String chunk = new String(b, i + 4, 4, StandardCharsets.US_ASCII);
            if (!chunk.equals("tEXt") && !chunk.equals("zTXt") && !chunk.equals("iTXt") && !chunk.equals("eXIf")) {
                out.write(b, i, 12 + length);
            }
            i += 12 + length;
            if (chunk.equals("IEND")) {
                return out.toByteArray();
            }
        }
        return b;
    }
}
