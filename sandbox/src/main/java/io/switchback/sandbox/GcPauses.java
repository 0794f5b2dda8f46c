package io.switchback.sandbox;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's garbage collections while it is open, as the collector reports each (its duration is the pause for the
 * Parallel and Serial collectors, whose collections stop the application): so that a run whose tail is long can be
 * told apart from one whose collector stalled it.
 */
final class GcPauses implements NotificationListener, AutoCloseable {

    /** Collections of one collector: how many, how long in all, the longest. */
    private static final class Tally {
        long count;
        long totalMillis;
        long longestMillis;
    }

    private final Map<String, Tally> byAction = new TreeMap<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();

    static GcPauses record() {
        GcPauses pauses = new GcPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(pauses, null, null);
                pauses.emitters.add(emitter);
            }
        }
        return pauses;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
        long millis = info.getGcInfo().getDuration();
        synchronized (byAction) {
            Tally tally = byAction.computeIfAbsent(info.getGcName() + " (" + info.getGcAction() + ")",
                    name -> new Tally());
            tally.count++;
            tally.totalMillis += millis;
            tally.longestMillis = Math.max(tally.longestMillis, millis);
        }
    }

    /** One line per collector that ran, or one saying none did. */
    void print(PrintWriter out) {
        synchronized (byAction) {
            if (byAction.isEmpty()) {
                out.println("  garbage collections: none");
            }
            byAction.forEach((name, tally) -> out.printf("  garbage collections, %s: %d, %d ms in all, longest %d ms%n",
                    name, tally.count, tally.totalMillis, tally.longestMillis));
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException gone) {
                // nothing to remove
            }
        }
    }
}
