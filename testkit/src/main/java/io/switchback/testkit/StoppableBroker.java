package io.switchback.testkit;

/** A broker this JVM started (or was given), with the means to stop it. */
public final class StoppableBroker implements KafkaBroker, AutoCloseable {

    private final String bootstrapServers;
    private final String origin;
    private final Runnable stop;
    private boolean stopped;

    StoppableBroker(String bootstrapServers, String origin, Runnable stop) {
        this.bootstrapServers = bootstrapServers;
        this.origin = origin;
        this.stop = stop;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String origin() {
        return origin;
    }

    /** Stops the broker; its clients see it gone. Idempotent. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            stop.run();
        }
    }
}
