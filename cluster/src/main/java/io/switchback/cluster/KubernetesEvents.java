package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.switchback.events.Color;
import io.switchback.events.DeploymentFailed;
import io.switchback.events.DeploymentHeld;
import io.switchback.events.DeploymentTrafficSwitched;
import io.switchback.events.RollbackCompleted;
import io.switchback.events.RollbackFailed;
import io.switchback.events.SwitchbackEvent;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events ({@code events.k8s.io/v1}) for what people look for with {@code kubectl describe}: every switch,
 * rollback, failure and hold, on the Service and on the Deployment concerned, with a reason from a fixed set and a
 * note under 1,000 characters. Recorded after the work, on a thread of its own with a bounded queue: recording an
 * Event never delays or fails the switch or the rollback it describes; one that cannot be recorded is counted and
 * logged.
 */
public class KubernetesEvents implements PublishedEventListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);
    static final int NOTE_LIMIT = 1_000;

    /** The fixed set of reasons, with the Event's type and action. */
    public enum Reason {
        TRAFFIC_SWITCHED("TrafficSwitched", "Normal", "SwitchTraffic"),
        ROLLOUT_FAILED("RolloutFailed", "Warning", "Rollout"),
        ROLLOUT_HELD("RolloutHeld", "Warning", "Rollout"),
        ROLLED_BACK("RolledBack", "Warning", "Rollback"),
        ROLLBACK_FAILED("RollbackFailed", "Warning", "Rollback");

        private final String reason;
        private final String type;
        private final String action;

        Reason(String reason, String type, String action) {
            this.reason = reason;
            this.type = type;
            this.action = action;
        }

        public String reason() {
            return reason;
        }
    }

    /** What one Switchback event says to a person reading the Service: pure, no I/O. */
    public record Note(Reason reason, String service, Color colour, String text) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String controller;
    private final String instance;
    private final Clock clock;
    private final SideWork side = new SideWork("kubernetes-events");
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param controller who records, e.g. {@code switchback.io/deployer}
     * @param instance which replica, e.g. its pod's name
     */
    public KubernetesEvents(KubernetesClient client, String namespace, String controller, String instance, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.controller = controller;
        this.instance = instance.length() > 128 ? instance.substring(0, 128) : instance;
        this.clock = clock;
    }

    /** The note for a Switchback event, when it is one a person should see on the Service. */
    public static Optional<Note> noteOf(SwitchbackEvent event) {
        if (event instanceof DeploymentTrafficSwitched s) {
            return note(Reason.TRAFFIC_SWITCHED, s.service(), s.liveColor(), "traffic "
                    + (s.previousColor() == null ? "" : s.previousColor().wire() + " -> ") + s.liveColor().wire() + ": "
                    + s.liveImage() + " live (" + s.deploymentId() + "); rollback window until " + s.rollbackWindowEndsAt());
        }
        if (event instanceof DeploymentFailed f) {
            return note(Reason.ROLLOUT_FAILED, f.service(), f.trafficColor() == null ? null : f.trafficColor().other(),
                    "rollout " + f.deploymentId() + " of " + f.image() + " failed at " + f.stage().wire() + ": " + f.reason()
                            + (f.trafficColor() == null ? "" : "; traffic stays on " + f.trafficColor().wire()));
        }
        if (event instanceof DeploymentHeld h) {
            return note(Reason.ROLLOUT_HELD, h.service(), null, "rollout " + h.deploymentId() + " of " + h.image()
                    + " held, waiting for " + h.waitingFor() + ": " + h.reason() + "; until " + h.deadline());
        }
        if (event instanceof RollbackCompleted r) {
            return note(Reason.ROLLED_BACK, r.service(), r.toColor(), "traffic " + r.fromColor().wire() + " -> "
                    + r.toColor().wire() + ": " + r.restoredImage() + " restored, " + r.deploymentId() + " rolled back ("
                    + r.cause().trigger().wire() + ": " + r.cause().summary() + ")");
        }
        if (event instanceof RollbackFailed f) {
            return note(Reason.ROLLBACK_FAILED, f.service(), f.trafficColor(), "rollback of " + f.deploymentId()
                    + " failed: " + f.reason() + (f.trafficColor() == null ? "" : "; traffic on " + f.trafficColor().wire()));
        }
        return Optional.empty();
    }

    /** Records the Events of a Switchback event, later and elsewhere; never throws. */
    @Override
    public void published(SwitchbackEvent event) {
        noteOf(event).ifPresent(note -> {
            if (!side.offer(() -> create(note, event))) {
                count(note, "the queue of " + SideWork.QUEUE + " is full");
            }
        });
    }

    /** Events that could not be recorded since start-up. */
    public long failed() {
        return failed.get();
    }

    private void create(Note note, SwitchbackEvent cause) {
        ObjectReference service = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Service")
                .withNamespace(namespace).withName(note.service()).build();
        ObjectReference deployment = note.colour() == null ? null : new ObjectReferenceBuilder().withApiVersion("apps/v1")
                .withKind("Deployment").withNamespace(namespace)
                .withName(BlueGreen.deploymentName(note.service(), note.colour())).build();
        List<Event> events = new ArrayList<>();
        events.add(event(note, service, deployment, cause));
        if (deployment != null) {
            events.add(event(note, deployment, service, cause));
        }
        for (Event event : events) {
            try {
                client.events().v1().events().inNamespace(namespace).resource(event).create();
            } catch (RuntimeException e) {
                count(note, e.toString());
            }
        }
    }

    private Event event(Note note, ObjectReference regarding, ObjectReference related, SwitchbackEvent cause) {
        return new EventBuilder()
                .withNewMetadata().withGenerateName(regarding.getName() + ".").withNamespace(namespace)
                .addToAnnotations("switchback.io/event-id", cause.eventId()).endMetadata()
                .withEventTime(new MicroTime(DateTimeFormatter.ISO_INSTANT.format(
                        clock.instant().truncatedTo(ChronoUnit.MICROS))))
                .withReportingController(controller).withReportingInstance(instance)
                .withType(note.reason().type).withReason(note.reason().reason).withAction(note.reason().action)
                .withRegarding(regarding).withRelated(related)
                .withNote(cut(note.text())).build();
    }

    static String cut(String text) {
        return text.length() <= NOTE_LIMIT ? text : text.substring(0, NOTE_LIMIT - 1) + "…";
    }

    private void count(Note note, String why) {
        long n = failed.incrementAndGet();
        LOG.warn("Kubernetes Event {} on {} not recorded ({} so far): {}", note.reason().reason, note.service(), n, why);
    }

    private static Optional<Note> note(Reason reason, String service, Color colour, String text) {
        return Optional.of(new Note(reason, service, colour, text));
    }

    /** Lets the queued Events be recorded, within a bound. */
    @Override
    public void close() {
        side.close();
    }
}
