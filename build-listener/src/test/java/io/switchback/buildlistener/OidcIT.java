package io.switchback.buildlistener;

import static io.switchback.buildlistener.BuildListenerIT.newCommit;
import static io.switchback.buildlistener.BuildListenerIT.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.switchback.events.RequestSignature;
import io.switchback.events.BuildCompleted;
import io.switchback.events.Topic;
import io.switchback.testkit.KafkaBroker;
import io.switchback.testkit.RealKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GitHub Actions OIDC tokens as build credentials, against a local JWKS server and keys made here: a genuine
 * token for a configured repository, ref and environment deploys; a wrong audience, issuer, repository, ref or
 * environment, an expired token,
 * or one signed by another key is 401.
 */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BuildListenerApplication.CONFIG_NAME, TestTrust.IMPORT,
            "switchback.build-listener.oidc.issuer=" + OidcIT.ISSUER})
class OidcIT {

    static final String ISSUER = "https://token.actions.githubusercontent.com";
    private static final RSAKey KEY = newKey("github-key");
    private static final RSAKey FORGER = newKey("github-key");
    private static final HttpServer JWKS = jwksServer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("switchback.build-listener.oidc.jwks-url",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks");
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @Test
    void aGenuineTokenOfAConfiguredRepositoryDeploysItsService(KafkaBroker broker) {
        String commit = newCommit();

        HttpResponse<String> answer = post(token(KEY, claims()), build(commit));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(readAll(broker, Topic.BUILDS, e -> e instanceof BuildCompleted b && b.commit().equals(commit), 1))
                .singleElement().satisfies(e -> assertThat(((BuildCompleted) e).repository()).isEqualTo("acme/shop"));
    }

    @Test
    void anyOtherTokenIs401WithTheReason() {
        String body = build(newCommit());
        assertRefused(post(token(KEY, claims().audience("someone-else")), body), "aud claim");
        assertRefused(post(token(KEY, claims().claim("repository", "mallory/shop")), body), "mallory/shop is not a configured sender");
        assertRefused(post(token(KEY, claims().claim("ref", "refs/heads/feature")), body), "ref refs/heads/feature");
        assertRefused(post(token(KEY, claims().claim("environment", "production")), body), "environment production");
        assertRefused(post(token(KEY, claims().issuer("https://issuer.example")), body), "iss");
        assertRefused(post(token(KEY, claims().expirationTime(Date.from(Instant.now().minusSeconds(600)))), body), "xpired");
        assertRefused(post(token(FORGER, claims()), body), "Signed JWT rejected");
        assertRefused(post("not-a-jwt", body), "not a JWT");
    }

    private static void assertRefused(HttpResponse<String> answer, String reason) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.body()).contains(reason);
    }

    private HttpResponse<String> post(String token, String body) {
        return TestTrust.send(TestTrust.request(port, "/v1/builds", body.getBytes(StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token)
                .header(RequestSignature.DELIVERY, UUID.randomUUID().toString()));
    }

    private static String build(String commit) {
        return BuildListenerIT.build("checkout", "ghcr.io/acme/checkout:" + commit, commit);
    }

    /** The claims GitHub puts in a token of a workflow on main of acme/shop. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("switchback")
                .subject("repo:acme/shop:ref:refs/heads/main").claim("repository", "acme/shop")
                .claim("ref", "refs/heads/main").claim("environment", "staging").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String token(RSAKey key, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(keys);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
