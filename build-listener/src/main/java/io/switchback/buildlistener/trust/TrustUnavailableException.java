package io.switchback.buildlistener.trust;

/** What a credential is checked against cannot be reached now (the OIDC issuer's keys): 503, retry later. */
public final class TrustUnavailableException extends RuntimeException {

    TrustUnavailableException(String message) {
        super(message);
    }
}
