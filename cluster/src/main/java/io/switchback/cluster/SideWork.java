package io.switchback.cluster;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Work beside the work: one daemon thread of its own behind a bounded queue, so that telling people (Kubernetes
 * Events, notifications) never holds the switch or the rollback it tells of. Full: the task is refused, not waited for.
 */
final class SideWork implements AutoCloseable {

    static final int QUEUE = 256;

    private final ThreadPoolExecutor thread;

    SideWork(String name) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** @return false when the queue is full and the task was dropped */
    boolean offer(Runnable task) {
        try {
            thread.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Lets what is queued run, within a bound. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
