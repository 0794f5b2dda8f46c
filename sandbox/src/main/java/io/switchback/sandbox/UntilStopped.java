package io.switchback.sandbox;

import java.util.concurrent.CountDownLatch;

/** Keeps a command running until Ctrl-C (or {@link #stop()}), then lets it close what it started. */
final class UntilStopped {

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Blocks until Ctrl-C or {@link #stop()}. */
    void await() throws InterruptedException {
        Thread onCtrlC = new Thread(stopped::countDown);
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            stopped.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting anyway
            }
        }
    }

    void stop() {
        stopped.countDown();
    }
}
