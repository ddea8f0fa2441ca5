package io.yingji.notification.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of webhooks we send and SMS reports we receive: {@code sha256=<hex>} of
 * {@code timestamp + "." + body}, with the timestamp (epoch seconds) in its own header, so a captured
 * request cannot be replayed later with another timestamp.
 */
final class Signatures {

    static final String TIMESTAMP_HEADER = "X-Yingji-Timestamp";
    static final String SIGNATURE_HEADER = "X-Yingji-Signature";

    private Signatures() {
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String sign(String secret, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        System.arraycopy(body, 0, data, prefix.length, body.length);
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, data));
    }

    /** Whether {@code signature} is the signature of timestamp and body (compared in constant time). */
    static boolean verify(String secret, String timestamp, byte[] body, String signature) {
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
