package io.switchback.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    @Test
    void githubsSignatureIsTheHmacOfTheBodyAsGithubDocumentsIt() {
        // the example of GitHub's "Validating webhook deliveries": secret "It's a Secret to Everybody"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

        assertThat(RequestSignature.github("It's a Secret to Everybody", body))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void switchbacksSignatureCoversTimestampDeliveryAndBody() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String secret = "unit-test-secret-0123456789abcdefghij";
        String header = RequestSignature.sign(secret, 1700000000, "d-1", body);

        assertThat(header).isEqualTo(RequestSignature.github(secret, "1700000000.d-1.{}".getBytes(StandardCharsets.UTF_8)));
        List<javax.crypto.spec.SecretKeySpec> keys = List.of(RequestSignature.key("another-secret-0123456789abcdefghij"),
                RequestSignature.key(secret));
        assertThat(RequestSignature.matchesAny(keys, RequestSignature.signed(1700000000, "d-1", body), header)).isTrue();
        assertThat(RequestSignature.matchesAny(keys, RequestSignature.signed(1700000001, "d-1", body), header)).isFalse();
        assertThat(RequestSignature.matchesAny(keys, body, "sha256=zz")).isFalse();
        assertThat(RequestSignature.matchesAny(keys, body, null)).isFalse();
    }
}
