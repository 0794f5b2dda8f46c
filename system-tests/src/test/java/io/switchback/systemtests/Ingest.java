package io.switchback.systemtests;

import static org.awaitility.Awaitility.await;

import io.switchback.sandbox.Releases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed builds of checkout's live image posted by a few senders as a pipeline would, each with a run id of its
 * own, in as many as the test releases: each is answered 2xx (its event id kept), 503 (counted), or something else
 * (kept as a failure). A build of the live image is skipped by the deployer, which says so naming the build: the
 * deployer's proof of having consumed it, with nothing rolled out.
 */
final class Ingest implements AutoCloseable {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

    private final Rig rig;
    private final String image;
    private final Semaphore permits = new Semaphore(0);
    private final ExecutorService senders;
    private final AtomicLong runId = new AtomicLong(5_000_000);
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    Ingest(Rig rig, int senders) {
        this.rig = rig;
        this.image = rig.liveImage();
        this.senders = Executors.newFixedThreadPool(senders);
        for (int i = 0; i < senders; i++) {
            this.senders.submit(this::send);
        }
    }

    /** Lets {@code count} more builds be sent. */
    void release(int count) {
        released.addAndGet(count);
        permits.release(count);
    }

    int released() {
        return released.get();
    }

    void awaitAnswered(int count) {
        await(count + " builds answered").atMost(ANSWER_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> answered.get() >= count);
    }

    Set<String> acknowledged() {
        return acknowledged;
    }

    int refused() {
        return refused.get();
    }

    List<String> failures() {
        return failures;
    }

    private void send() {
        while (running) {
            try {
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                HttpResponse<String> response = rig.buildListener().post("v1/builds",
                        Releases.buildBody(image, runId.incrementAndGet()));
                Matcher id = EVENT_ID.matcher(response.body());
                if (response.statusCode() / 100 == 2 && id.find()) {
                    acknowledged.add(id.group(1));
                } else if (response.statusCode() == 503) {
                    refused.incrementAndGet();
                } else {
                    failures.add(response.statusCode() + " " + response.body());
                }
            } catch (RuntimeException e) {
                failures.add(e.toString());
            } finally {
                answered.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        senders.shutdownNow();
        try {
            senders.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
