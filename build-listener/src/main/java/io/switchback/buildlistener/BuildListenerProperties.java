package io.switchback.buildlistener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The edge's limits and whom it trusts. Secrets are checked at start-up by {@code Credentials}, not by Bean
 * Validation, whose failure report would print the value. Records holding secrets never print them.
 *
 * @param maxBodySize larger bodies are answered 413 before they are read
 * @param clockSkew how far a signed request's timestamp may be from this server's clock
 * @param deliveryMemory how long an accepted delivery id is remembered, so that a replay is answered "duplicate"
 * @param deliveryMemoryMax the most events of deliveries remembered, one per service a delivery names (a bound on
 *     memory under a flood: 90 to 150 bytes each, allocated at start-up); past it the oldest go
 * @param deliveryReadInterval the least time between two questions to the brokers of where the topics end, which a
 *     request waits for before it writes (so that a replay to any replica is a duplicate); the requests that arrive
 *     meanwhile share the next
 * @param rateLimit per credential (a repository, an operator, a webhook)
 * @param senders build senders: one per repository
 * @param oidc GitHub Actions OIDC tokens as build credentials; off when {@code jwks-url} is empty
 * @param operators who may send commands (rollback, approve, retry, verification results)
 * @param approvers per environment, the only identities whose approvals count; an environment not listed takes any operator's
 * @param github GitHub's own webhooks
 */
@ConfigurationProperties("switchback.build-listener")
public record BuildListenerProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("72h") Duration deliveryMemory,
        @DefaultValue("500000") int deliveryMemoryMax,
        @DefaultValue("5ms") Duration deliveryReadInterval,
        @DefaultValue RateLimit rateLimit,
        List<Sender> senders,
        @DefaultValue Oidc oidc,
        List<Operator> operators,
        Map<String, List<String>> approvers,
        @DefaultValue GitHub github) {

    /** The largest {@code delivery-memory-max}: its arrays are allocated at start-up, 1.3 GB at this bound. */
    static final int MOST_EVENTS_REMEMBERED = 10_000_000;
    /** The longest {@code delivery-read-interval}: a request may wait for it on top of Kafka's acknowledgement. */
    static final Duration LONGEST_READ_INTERVAL = Duration.ofSeconds(1);

    public BuildListenerProperties {
        if (deliveryMemoryMax < 1 || deliveryMemoryMax > MOST_EVENTS_REMEMBERED) {
            throw new IllegalArgumentException("switchback.build-listener.delivery-memory-max must be between 1 and "
                    + MOST_EVENTS_REMEMBERED + " (its arrays are allocated at start-up), not " + deliveryMemoryMax);
        }
        if (deliveryReadInterval.isNegative() || deliveryReadInterval.compareTo(LONGEST_READ_INTERVAL) > 0) {
            throw new IllegalArgumentException("switchback.build-listener.delivery-read-interval must be between 0 and "
                    + LONGEST_READ_INTERVAL.toMillis() + " ms (every request waits for it), not "
                    + deliveryReadInterval.toMillis() + " ms");
        }
        senders = senders == null ? List.of() : List.copyOf(senders);
        operators = operators == null ? List.of() : List.copyOf(operators);
        approvers = approvers == null ? Map.of() : Map.copyOf(approvers);
    }

    /** A token bucket per credential: {@code burst} requests at once, refilled at {@code requestsPerSecond}. */
    public record RateLimit(@DefaultValue("20") double requestsPerSecond, @DefaultValue("100") int burst) {
    }

    /**
     * @param repository owner/name: the credential id it signs with, or its OIDC tokens' {@code repository} claim
     * @param secrets HMAC secrets, at least 32 characters each; several while one is being rotated
     * @param services the only services it may deploy
     * @param registries the only image registries (prefixes, e.g. ghcr.io/acme) its images may come from
     * @param refs OIDC only: the {@code ref} claims accepted (empty: any)
     * @param environments OIDC only: the {@code environment} claims accepted (empty: any)
     */
    public record Sender(String repository, List<String> secrets, List<String> services, List<String> registries,
            List<String> refs, List<String> environments) {

        public Sender {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
            services = services == null ? List.of() : List.copyOf(services);
            registries = registries == null ? List.of() : List.copyOf(registries);
            refs = refs == null ? List.of() : List.copyOf(refs);
            environments = environments == null ? List.of() : List.copyOf(environments);
        }

        @Override
        public String toString() {
            return "Sender[repository=" + repository + ", secrets=<" + secrets.size() + " redacted>, services="
                    + services + ", registries=" + registries + ", refs=" + refs + ", environments=" + environments + "]";
        }
    }

    /** @param jwksUrl empty: OIDC tokens are refused */
    public record Oidc(@DefaultValue("https://token.actions.githubusercontent.com") String issuer,
            String jwksUrl, @DefaultValue("switchback") String audience) {

        public boolean enabled() {
            return jwksUrl != null && !jwksUrl.isBlank();
        }
    }

    /**
     * @param identity who this is, as events name them (e.g. a login); never contains '/'
     * @param environments where its commands count (empty: every environment)
     * @param commands     which commands it may send, among rollback, approve, retry and verification (empty: all);
     *                     e.g. [rollback] for a credential held where no reviewer guards it
     */
    public record Operator(String identity, List<String> secrets, List<String> environments, List<String> commands) {

        public Operator {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
            environments = environments == null ? List.of() : List.copyOf(environments);
            commands = commands == null ? List.of() : List.copyOf(commands);
        }

        @Override
        public String toString() {
            return "Operator[identity=" + identity + ", secrets=<" + secrets.size() + " redacted>, environments="
                    + environments + ", commands=" + commands + "]";
        }
    }

    public record GitHub(List<Webhook> webhooks, List<Workflow> workflows) {

        public GitHub {
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
            workflows = workflows == null ? List.of() : List.copyOf(workflows);
        }
    }

    /** @param scope an owner (an organisation's webhook) or owner/name (a repository's): whose deliveries it signs */
    public record Webhook(String scope, List<String> secrets) {

        public Webhook {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "Webhook[scope=" + scope + ", secrets=<" + secrets.size() + " redacted>]";
        }
    }

    /**
     * A completed, successful run of this workflow on one of these branches builds these services.
     *
     * @param workflow the workflow's file name (release.yml), path (.github/workflows/release.yml) or name
     * @param image the image reference, with {owner}, {repo}, {service}, {head_sha}, {short_sha}, {branch}, {run_id}
     *     and {run_attempt} filled from the run
     */
    public record Workflow(String repository, String workflow, List<String> branches, List<String> services,
            String image) {

        public Workflow {
            branches = branches == null ? List.of() : List.copyOf(branches);
            services = services == null ? List.of() : List.copyOf(services);
        }
    }
}
