package io.switchback.events;

/** The topic catalogue. Each topic has exactly one writing service. */
public enum Topic {
    BUILDS(Names.BUILDS, "build-listener"),
    COMMANDS(Names.COMMANDS, "build-listener"),
    DEPLOYMENTS(Names.DEPLOYMENTS, "deployer"),
    HEALTH(Names.HEALTH, "health-monitor"),
    ROLLBACKS(Names.ROLLBACKS, "rollback-controller");

    /** Suffix of the dead-letter topic that the consumer which gave up writes to. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String topicName;
    private final String writer;

    Topic(String topicName, String writer) {
        this.topicName = topicName;
        this.writer = writer;
    }

    public String topicName() {
        return topicName;
    }

    /** The one service that writes to this topic. */
    public String writer() {
        return writer;
    }

    public String deadLetterTopicName() {
        return deadLetterOf(topicName);
    }

    public static String deadLetterOf(String topicName) {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    /** Compile-time constants, for annotations such as {@code @KafkaListener(topics = ...)}. */
    public static final class Names {
        public static final String BUILDS = "switchback.builds";
        public static final String COMMANDS = "switchback.commands";
        public static final String DEPLOYMENTS = "switchback.deployments";
        public static final String HEALTH = "switchback.health";
        public static final String ROLLBACKS = "switchback.rollbacks";

        private Names() {
        }
    }
}
