package io.switchback.buildlistener.trust;

import com.nimbusds.jwt.JWTClaimsSet;
import io.switchback.buildlistener.BuildListenerProperties;
import io.switchback.events.RequestSignature;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Who sent a request, from its credential alone: Switchback's signature (a repository's or an operator's secret,
 * over a timestamp within the allowed skew, the delivery id and the body) or a GitHub Actions OIDC token whose
 * claims name a configured sender. Every failure is a 401 with the reason; nothing in the body is trusted here.
 */
public final class Authenticator {

    static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    /** The authenticated sender and the delivery id it gave this request. */
    public record Authenticated(Caller caller, String delivery) {
    }

    private final Credentials credentials;
    private final Duration clockSkew;
    private final Optional<OidcTokens> oidc;
    private final Clock clock;

    public Authenticator(Credentials credentials, BuildListenerProperties properties, Clock clock) {
        this(credentials, properties.clockSkew(),
                properties.oidc().enabled() ? Optional.of(new OidcTokens(properties.oidc())) : Optional.empty(), clock);
    }

    Authenticator(Credentials credentials, Duration clockSkew, Optional<OidcTokens> oidc, Clock clock) {
        this.credentials = credentials;
        this.clockSkew = clockSkew;
        this.oidc = oidc;
        this.clock = clock;
    }

    /** @param headers a request header by name, null when absent */
    public Authenticated authenticate(UnaryOperator<String> headers, byte[] body) {
        String delivery = deliveryId(headers.apply(RequestSignature.DELIVERY), RequestSignature.DELIVERY);
        String authorization = headers.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Authenticated(bearer(authorization.substring(7).trim()), delivery);
        }
        return new Authenticated(signed(headers, delivery, body), delivery);
    }

    /** @throws Refusal 401 when the delivery id is missing or not 8 to 128 of {@code A-Z a-z 0-9 . _ : -} */
    public static String deliveryId(String value, String header) {
        if (value == null || !DELIVERY_ID.matcher(value).matches()) {
            throw Refusal.unauthenticated("missing or malformed " + header
                    + ": 8 to 128 of A-Z a-z 0-9 . _ : -, the same on every retry of one delivery");
        }
        return value;
    }

    /** GitHub's webhook signature: which configured webhook's secret signed this body. */
    public Caller github(String signature, byte[] body) {
        if (signature == null) {
            throw Refusal.unauthenticated("missing " + RequestSignature.GITHUB_SIGNATURE);
        }
        return credentials.webhooks().stream()
                .filter(webhook -> RequestSignature.matchesAny(webhook.keys(), body, signature))
                .findFirst().<Caller>map(Caller.GitHubWebhook::new)
                .orElseThrow(() -> Refusal.unauthenticated(RequestSignature.GITHUB_SIGNATURE
                        + " matches no configured webhook secret"));
    }

    private Caller signed(UnaryOperator<String> headers, String delivery, byte[] body) {
        String id = headers.apply(RequestSignature.CREDENTIAL);
        if (id == null) {
            throw Refusal.unauthenticated("missing " + RequestSignature.CREDENTIAL + " (or an OIDC bearer token)");
        }
        Caller caller = credentials.operator(id).<Caller>map(Caller.OperatorCaller::new)
                .or(() -> credentials.sender(id).map(Caller.BuildSender::new))
                .orElseThrow(() -> Refusal.unauthenticated("no credential " + id + " is configured"));
        long timestamp = timestamp(headers.apply(RequestSignature.TIMESTAMP));
        byte[] signed = RequestSignature.signed(timestamp, delivery, body);
        var keys = caller instanceof Caller.OperatorCaller o ? o.operator().keys()
                : ((Caller.BuildSender) caller).sender().keys();
        if (!RequestSignature.matchesAny(keys, signed, headers.apply(RequestSignature.SIGNATURE))) {
            throw Refusal.unauthenticated("missing or invalid " + RequestSignature.SIGNATURE + " for " + id);
        }
        long offBy = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (offBy > clockSkew.toSeconds()) {
            throw Refusal.unauthenticated(RequestSignature.TIMESTAMP + " is " + offBy + " s from the server's clock, more "
                    + "than the " + clockSkew.toSeconds() + " s allowed: a replay, or a clock to fix");
        }
        return caller;
    }

    private static long timestamp(String header) {
        try {
            return Long.parseLong(header);
        } catch (NumberFormatException | NullPointerException e) {
            throw Refusal.unauthenticated("missing or malformed " + RequestSignature.TIMESTAMP + ": Unix seconds");
        }
    }

    private Caller bearer(String token) {
        JWTClaimsSet claims = oidc.orElseThrow(() -> Refusal.unauthenticated("OIDC tokens are not accepted here"))
                .verify(token);
        String repository = claim(claims, "repository");
        Credentials.Sender sender = credentials.sender(repository).orElseThrow(() -> Refusal.unauthenticated(
                "the token's repository " + repository + " is not a configured sender"));
        allowed(sender.refs(), claim(claims, "ref"), "ref");
        allowed(sender.environments(), claim(claims, "environment"), "environment");
        return new Caller.BuildSender(sender);
    }

    private static void allowed(Set<String> accepted, String value, String claim) {
        if (!accepted.isEmpty() && !accepted.contains(value)) {
            throw Refusal.unauthenticated("the token's " + claim + " " + value + " is not one its sender accepts");
        }
    }

    private static String claim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw Refusal.unauthenticated("the token's " + name + " claim is not a string");
        }
    }
}
