package io.switchback.buildlistener.trust;

import static io.switchback.buildlistener.trust.TrustConfigurationException.require;

import io.switchback.buildlistener.BuildListenerProperties;
import io.switchback.events.RequestSignature;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whom the edge trusts, checked once at start-up: every secret at least 32 characters, every sender scoped to
 * services and registries, identities unique. A problem stops start-up with one line naming the setting, never a
 * value ({@link TrustConfigurationException}).
 */
public final class Credentials {

    static final int MIN_SECRET_LENGTH = 32;
    private static final String PREFIX = "switchback.build-listener.";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9_.@:+-]{1,100}");

    /** A repository that may send builds of its services, with images from its registries. */
    public record Sender(String repository, List<SecretKeySpec> keys, Set<String> services, List<String> registries,
            Set<String> refs, Set<String> environments) {

        public boolean owns(String service) {
            return services.contains(service);
        }

        /**
         * Whether the image comes from under one of its registries: a prefix that ends where a path segment, a tag
         * or a digest does ({@code ghcr.io/acme} allows {@code ghcr.io/acme/checkout:1}; {@code ghcr.io/acme/checkout}
         * allows {@code ghcr.io/acme/checkout:1} and {@code ...@sha256:...}; neither allows {@code ghcr.io/acmecorp/x}).
         */
        public boolean allowsImage(String image) {
            return registries.stream().map(r -> r.endsWith("/") ? r.substring(0, r.length() - 1) : r)
                    .anyMatch(r -> image.length() > r.length() && image.startsWith(r)
                            && "/:@".indexOf(image.charAt(r.length())) >= 0);
        }

        @Override
        public String toString() {
            return "Sender[" + repository + "]";
        }
    }

    /** A person or pipeline that may send commands in its environments: the ones listed, or all when none is. */
    public record Operator(String identity, List<SecretKeySpec> keys, Set<String> environments, Set<Command> commands) {

        public boolean actsIn(String environment) {
            return environments.isEmpty() || environments.contains(environment);
        }

        public boolean maySend(Command command) {
            return commands.isEmpty() || commands.contains(command);
        }

        @Override
        public String toString() {
            return "Operator[" + identity + "]";
        }
    }

    /** GitHub's webhook for an owner or one repository. */
    public record Webhook(String scope, List<SecretKeySpec> keys) {

        public boolean covers(String repository) {
            return scope.contains("/") ? scope.equalsIgnoreCase(repository)
                    : repository.regionMatches(true, 0, scope + "/", 0, scope.length() + 1);
        }

        @Override
        public String toString() {
            return "Webhook[" + scope + "]";
        }
    }

    private final Map<String, Sender> senders;
    private final Map<String, Operator> operators;
    private final List<Webhook> webhooks;
    private final Map<String, Set<String>> approvers;

    private Credentials(Map<String, Sender> senders, Map<String, Operator> operators, List<Webhook> webhooks,
            Map<String, Set<String>> approvers) {
        this.senders = senders;
        this.operators = operators;
        this.webhooks = webhooks;
        this.approvers = approvers;
    }

    /** @throws TrustConfigurationException naming the first bad setting */
    public static Credentials from(BuildListenerProperties properties) {
        Map<String, Sender> senders = new LinkedHashMap<>();
        for (int i = 0; i < properties.senders().size(); i++) {
            BuildListenerProperties.Sender s = properties.senders().get(i);
            String at = PREFIX + "senders[" + i + "]";
            require(s.repository() != null && REPOSITORY.matcher(s.repository()).matches(), at + ".repository",
                    "must be a repository, owner/name");
            require(!s.services().isEmpty(), at + ".services", "must list the services it may deploy");
            require(!s.registries().isEmpty(), at + ".registries", "must list the registries its images may come from");
            require(!s.secrets().isEmpty() || properties.oidc().enabled(), at + ".secrets",
                    "must hold a secret, or switchback.build-listener.oidc.jwks-url must be set");
            Sender sender = new Sender(s.repository(), keys(s.secrets(), at + ".secrets"), Set.copyOf(s.services()),
                    List.copyOf(s.registries()), Set.copyOf(s.refs()), Set.copyOf(s.environments()));
            require(senders.put(s.repository().toLowerCase(), sender) == null, at + ".repository",
                    "is listed twice");
        }
        Map<String, Operator> operators = new LinkedHashMap<>();
        for (int i = 0; i < properties.operators().size(); i++) {
            BuildListenerProperties.Operator o = properties.operators().get(i);
            String at = PREFIX + "operators[" + i + "]";
            require(o.identity() != null && IDENTITY.matcher(o.identity()).matches(), at + ".identity",
                    "must be a name of letters, digits and _.@:+- (no '/', which names repositories)");
            require(!o.secrets().isEmpty(), at + ".secrets", "must hold a secret");
            Operator operator = new Operator(o.identity(), keys(o.secrets(), at + ".secrets"), Set.copyOf(o.environments()),
                    commands(o.commands(), at + ".commands"));
            require(operators.put(o.identity(), operator) == null, at + ".identity", "is listed twice");
        }
        List<Webhook> webhooks = new ArrayList<>();
        List<BuildListenerProperties.Webhook> configured = properties.github().webhooks();
        for (int i = 0; i < configured.size(); i++) {
            String at = PREFIX + "github.webhooks[" + i + "]";
            BuildListenerProperties.Webhook w = configured.get(i);
            require(w.scope() != null && (REPOSITORY.matcher(w.scope()).matches() || IDENTITY.matcher(w.scope()).matches()),
                    at + ".scope", "must be an owner or owner/name");
            require(!w.secrets().isEmpty(), at + ".secrets", "must hold the webhook's secret");
            webhooks.add(new Webhook(w.scope(), keys(w.secrets(), at + ".secrets")));
        }
        Map<String, Set<String>> approvers = new LinkedHashMap<>();
        properties.approvers().forEach((environment, identities) -> {
            for (String identity : identities) {
                require(operators.containsKey(identity), PREFIX + "approvers." + environment,
                        "names " + identity + ", who is not among switchback.build-listener.operators");
            }
            approvers.put(environment, Set.copyOf(identities));
        });
        require(!senders.isEmpty() || !operators.isEmpty() || !webhooks.isEmpty(), PREFIX + "senders",
                "nothing is trusted: configure senders, github.webhooks or operators (see docs/api.md)");
        return new Credentials(Map.copyOf(senders), Map.copyOf(operators), List.copyOf(webhooks), Map.copyOf(approvers));
    }

    public Optional<Sender> sender(String repository) {
        return Optional.ofNullable(repository == null ? null : senders.get(repository.toLowerCase()));
    }

    private static Set<Command> commands(List<String> names, String at) {
        Set<Command> commands = EnumSet.noneOf(Command.class);
        for (String name : names) {
            Optional<Command> command = Command.named(name);
            require(command.isPresent(), at, "names " + name + "; the commands are " + Command.names());
            command.ifPresent(commands::add);
        }
        return Set.copyOf(commands);
    }

    public Optional<Operator> operator(String identity) {
        return Optional.ofNullable(identity == null ? null : operators.get(identity));
    }

    public List<Webhook> webhooks() {
        return webhooks;
    }

    /** Whether this identity's approval counts in this environment. */
    public boolean mayApprove(String identity, String environment) {
        Set<String> listed = approvers.get(environment);
        return listed == null || listed.contains(identity);
    }

    private static List<SecretKeySpec> keys(List<String> secrets, String at) {
        List<SecretKeySpec> keys = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            require(secret != null && !secret.isBlank(), at + "[" + i + "]", "is empty");
            require(secret.length() >= MIN_SECRET_LENGTH, at + "[" + i + "]",
                    "is shorter than " + MIN_SECRET_LENGTH + " characters");
            keys.add(RequestSignature.key(secret));
        }
        return List.copyOf(keys);
    }
}
