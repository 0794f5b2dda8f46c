package io.switchback.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Switchback's request signature: {@code X-Switchback-Signature-256: sha256=<hex>}, the HMAC-SHA256 under the
 * credential's secret of {@code "<timestamp>.<delivery>."} followed by the raw body, so that neither the time nor
 * the delivery id can be changed without the secret. GitHub's own {@code X-Hub-Signature-256} is the same HMAC
 * over the body alone ({@link #github}). Compared in constant time.
 */
public final class RequestSignature {

    public static final String CREDENTIAL = "X-Switchback-Credential";
    public static final String DELIVERY = "X-Switchback-Delivery";
    public static final String TIMESTAMP = "X-Switchback-Timestamp";
    public static final String SIGNATURE = "X-Switchback-Signature-256";
    public static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";
    /** A Mac per thread: looking the algorithm up costs more than the HMAC of a build event. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private RequestSignature() {
    }

    /** The value of {@value #SIGNATURE} for these headers and body. */
    public static String sign(String secret, long timestamp, String delivery, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(key(secret), signed(timestamp, delivery, body)));
    }

    /** The value of {@value #GITHUB_SIGNATURE} GitHub sends for this body. */
    public static String github(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(key(secret), body));
    }

    public static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** Whether the header is the signature of these bytes under one of the keys (several during a rotation). */
    public static boolean matchesAny(List<SecretKeySpec> keys, byte[] signed, String header) {
        byte[] presented = presented(header);
        if (presented == null) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            matched |= MessageDigest.isEqual(hmac(key, signed), presented);
        }
        return matched;
    }

    public static byte[] signed(long timestamp, String delivery, byte[] body) {
        byte[] prefix = (timestamp + "." + delivery + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return signed;
    }

    private static byte[] presented(String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] bytes) {
        try {
            Mac mac = MACS.get();
            mac.init(key);
            return mac.doFinal(bytes);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused its key", e);
        }
    }
}
