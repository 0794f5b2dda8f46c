package io.switchback.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The CLI's settings: a properties file ({@code SWITCHBACK_CONFIG}, default {@code ~/.config/switchback/cli.properties},
 * optional) under environment variables. Every key has its variable: {@code SWITCHBACK_} and the key in capitals with
 * {@code .} and {@code -} as {@code _} ({@code kafka.bootstrap-servers} is {@code SWITCHBACK_KAFKA_BOOTSTRAP_SERVERS}).
 * A missing one is a {@link SettingsException} naming both places; a secret's value is never in a message.
 */
final class Settings {

    static final String CONFIG_ENV = "SWITCHBACK_CONFIG";
    static final String BOOTSTRAP = "kafka.bootstrap-servers";
    static final String URL = "url";
    static final String CREDENTIAL = "credential";
    static final String SECRET = "secret";
    static final String SECRET_FILE = "secret-file";
    static final String KUBECONFIG = "kubeconfig";
    static final String NAMESPACE = "namespace";
    private static final String KAFKA_PREFIX = "kafka.";

    private final Map<String, String> env;
    private final Properties file = new Properties();
    private final Path filePath;

    Settings(Map<String, String> env) {
        this.env = env;
        this.filePath = Optional.ofNullable(env.get(CONFIG_ENV)).map(Path::of)
                .orElse(Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "switchback",
                        "cli.properties"));
        if (env.containsKey(CONFIG_ENV) && !Files.isRegularFile(filePath)) {
            throw new SettingsException(CONFIG_ENV + " names " + filePath + ", which is not a readable file");
        }
        if (Files.isRegularFile(filePath)) {
            try (Reader reader = Files.newBufferedReader(filePath)) {
                file.load(reader);
            } catch (IOException e) {
                throw new SettingsException("cannot read " + filePath + ": " + e.getMessage());
            }
        }
    }

    static String variable(String key) {
        return "SWITCHBACK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    Optional<String> optional(String key) {
        String value = env.get(variable(key));
        if (value == null || value.isBlank()) {
            value = file.getProperty(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String key, String neededFor) {
        return optional(key).orElseThrow(() -> new SettingsException("missing setting " + key + " (" + neededFor
                + "): set " + variable(key) + " or " + key + " in " + filePath));
    }

    /**
     * The Kafka client settings: the bootstrap servers, and every {@code kafka.*} key of the file as a client property
     * ({@code kafka.security.protocol}, {@code kafka.sasl.jaas.config}, {@code kafka.ssl.truststore.location}, ...).
     */
    Map<String, Object> kafka() {
        Map<String, Object> kafka = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX) && !key.equals(BOOTSTRAP)) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), file.getProperty(key).trim());
            }
        }
        kafka.put("bootstrap.servers", required(BOOTSTRAP, "reading the topics"));
        return kafka;
    }

    /** The operator's secret: {@code SWITCHBACK_SECRET}, or the file {@code secret-file} names. */
    String secret() {
        Optional<String> inline = optional(SECRET);
        if (inline.isPresent()) {
            return inline.get();
        }
        Path path = Path.of(required(SECRET_FILE, "signing the command with the operator's credential; or set "
                + variable(SECRET)));
        try {
            String secret = Files.readString(path).trim();
            if (secret.isEmpty()) {
                throw new SettingsException(SECRET_FILE + " " + path + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new SettingsException("cannot read " + SECRET_FILE + " " + path + ": " + e.getMessage());
        }
    }

    /**
     * The clusters of an environment as {@code env.<environment>.clusters = <cluster>[=<kube context>],...} (without a
     * context, the current context of the cluster's kubeconfig); without the setting, one cluster named by the
     * environment, at the kubeconfig's current context.
     */
    Map<String, String> clusters(String environment) {
        Map<String, String> clusters = new LinkedHashMap<>();
        Optional<String> configured = optional("env." + environment + ".clusters");
        if (configured.isEmpty()) {
            clusters.put(environment, null);
            return clusters;
        }
        for (String pair : configured.get().split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts[0].isBlank() || parts.length == 2 && parts[1].isBlank()) {
                throw new SettingsException("env." + environment + ".clusters: '" + pair.trim()
                        + "' is not <cluster> or <cluster>=<kube context>");
            }
            clusters.put(parts[0].trim(), parts.length == 2 ? parts[1].trim() : null);
        }
        return clusters;
    }

    /** The kubeconfig file of a cluster: {@code cluster.<name>.kubeconfig}, else {@code kubeconfig}, else none. */
    Optional<String> kubeconfig(String cluster) {
        return optional("cluster." + cluster + ".kubeconfig").or(() -> optional(KUBECONFIG));
    }

    /** A setting that is missing or wrong: one line, exit status 2. */
    static final class SettingsException extends RuntimeException {
        SettingsException(String message) {
            super(message);
        }
    }
}
