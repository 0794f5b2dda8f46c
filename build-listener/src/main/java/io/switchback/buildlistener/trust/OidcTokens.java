package io.switchback.buildlistener.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchback.buildlistener.BuildListenerProperties;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;

/**
 * GitHub Actions OIDC tokens: RS256 signatures checked against the issuer's JWKS (fetched and cached), then the
 * issuer, the audience and the expiry. What the claims allow is {@link Authenticator}'s business.
 */
final class OidcTokens {

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    OidcTokens(BuildListenerProperties.Oidc config) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(config.jwksUrl()).toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new TrustConfigurationException("switchback.build-listener.oidc.jwks-url", "is not a URL");
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.audience(),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(), Set.of("repository", "exp", "iat")));
    }

    /**
     * @throws Refusal 401 for a token that is not genuine, not ours, or expired
     * @throws TrustUnavailableException when the issuer's keys cannot be fetched: the sender should retry
     */
    JWTClaimsSet verify(String token) {
        try {
            return processor.process(token, null);
        } catch (KeySourceException e) {
            throw new TrustUnavailableException("the OIDC issuer's keys could not be fetched: " + e.getMessage());
        } catch (ParseException e) {
            throw Refusal.unauthenticated("the bearer token is not a JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw Refusal.unauthenticated("OIDC token refused: " + e.getMessage());
        }
    }
}
