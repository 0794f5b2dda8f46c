package io.switchback.buildlistener;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param hmacSecret the shared secret that signs request bodies ({@code SWITCHBACK_HMAC_SECRET}); never logged
 */
@Validated
@ConfigurationProperties("switchback.build-listener")
public record BuildListenerProperties(
        @NotBlank(message = "set SWITCHBACK_HMAC_SECRET (or switchback.build-listener.hmac-secret), at least 32 characters")
        @Size(min = 32, message = "must be at least 32 characters")
        String hmacSecret) {

    @Override
    public String toString() {
        return "BuildListenerProperties[hmacSecret=<redacted>]";
    }
}
