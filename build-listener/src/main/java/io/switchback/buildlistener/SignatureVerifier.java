package io.switchback.buildlistener;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Switchback-Signature-256: sha256=<hex>}, the HMAC-SHA256 of the exact raw body under the
 * shared secret (the scheme GitHub uses for webhooks), in constant time.
 */
final class SignatureVerifier {

    static final String HEADER = "X-Switchback-Signature-256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    SignatureVerifier(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    boolean matches(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(sign(body), presented);
    }

    byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    String header(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }
}
