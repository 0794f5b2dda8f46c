package io.switchback.sandbox;

import io.switchback.events.RequestSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The sandbox's build-listener trusts what a team's would: a trust file (the one the chart mounts from a Secret)
 * naming one build sender, the checkout repository, one operator, the release manager, and the repository's
 * GitHub webhook with its release workflow. Its secrets are new for every run and live only in files that their
 * owner alone reads.
 */
public final class SandboxTrust {

    /** The repository whose pipeline ships checkout. */
    public static final String SENDER = "example/checkout";
    /** The operator who rolls back, retries and approves. */
    public static final String OPERATOR = "release-manager";
    static final String REGISTRY = "registry.example";
    /** The workflow whose completed runs on main GitHub's webhook reports, and the image each run pushed. */
    public static final String WORKFLOW = "release.yml";
    public static final String IMAGE_TEMPLATE = "registry.example/{repo}:{short_sha}";

    private final Path file;
    private final Path senderSecretFile;
    private final Path operatorSecretFile;
    private final Path webhookSecretFile;
    private final String senderSecret;
    private final String operatorSecret;
    private final String webhookSecret;

    private SandboxTrust(Path dir) {
        this.file = dir.resolve("trust.yml");
        this.senderSecretFile = dir.resolve("sender-secret");
        this.operatorSecretFile = dir.resolve("operator-secret");
        this.webhookSecretFile = dir.resolve("webhook-secret");
        this.senderSecret = newSecret();
        this.operatorSecret = newSecret();
        this.webhookSecret = newSecret();
    }

    /** Writes the trust file and the two secrets under {@code dir}. */
    public static SandboxTrust write(Path dir) {
        SandboxTrust trust = new SandboxTrust(dir);
        // the sandbox is also the load-test target (docs/benchmarks.md): its senders are not rate-limited in practice
        privately(trust.file, """
                switchback:
                  build-listener:
                    senders:
                      - repository: %s
                        secrets: [%s]
                        services: [%s]
                        registries: [%s]
                    operators:
                      - identity: %s
                        secrets: [%s]
                    approvers:
                      production: [%s]
                    github:
                      webhooks:
                        - scope: %s
                          secrets: [%s]
                      workflows:
                        - repository: %s
                          workflow: %s
                          branches: [main]
                          services: [%s]
                          image: "%s"
                    rate-limit:
                      requests-per-second: 1000000
                      burst: 1000000
                """.formatted(SENDER, trust.senderSecret, Sandbox.SERVICE, REGISTRY, OPERATOR, trust.operatorSecret,
                OPERATOR, SENDER, trust.webhookSecret, SENDER, WORKFLOW, Sandbox.SERVICE, IMAGE_TEMPLATE));
        privately(trust.senderSecretFile, trust.senderSecret);
        privately(trust.operatorSecretFile, trust.operatorSecret);
        privately(trust.webhookSecretFile, trust.webhookSecret);
        return trust;
    }

    /** The property that makes a build-listener read this trust, as the chart's SPRING_CONFIG_IMPORT does. */
    public String importProperty() {
        return "file:" + file;
    }

    Path file() {
        return file;
    }

    Path senderSecretFile() {
        return senderSecretFile;
    }

    public Path operatorSecretFile() {
        return operatorSecretFile;
    }

    Path webhookSecretFile() {
        return webhookSecretFile;
    }

    /** The {@code X-Hub-Signature-256} GitHub would send for this body with the repository webhook's secret. */
    public String githubSignature(byte[] body) {
        return RequestSignature.github(webhookSecret, body);
    }

    /** Signs builds as the checkout repository's pipeline, and commands as the release manager. */
    public SignedClient client(URI base) {
        return new SignedClient(base, new SignedClient.Credential(SENDER, senderSecret),
                new SignedClient.Credential(OPERATOR, operatorSecret));
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void privately(Path path, String content) {
        try {
            Files.deleteIfExists(path);
            Files.createFile(path, PosixFilePermissions.asFileAttribute(Set.copyOf(PosixFilePermissions.fromString("rw-------"))));
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
