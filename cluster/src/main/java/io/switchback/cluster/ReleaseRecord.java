package io.switchback.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.switchback.events.BuildOrder;
import io.switchback.events.Color;
import io.switchback.events.SwitchbackEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release a managed Service serves and what Switchback is doing about it, as recorded in its
 * {@code switchback.io/*} annotations. The cluster is the source of truth: every decision re-reads this,
 * and every change to it is one guarded write ({@link BlueGreenCluster#writeRecord}). Ops read the same
 * annotations in an emergency (docs/operations.md).
 *
 * @param deploymentId           the live release, or null before Switchback's first rollout
 * @param liveColor              the colour the selector points at
 * @param phase                  where the live release stands; null for the team's own first release
 * @param previousColor          the colour a rollback returns to, or null
 * @param rolledBackDeploymentId the release the last rollback took traffic away from, or null
 * @param buildOrder             the newest build taken for a rollout; older or equal builds never deploy
 * @param rollout                the rollout onto the idle colour in progress, or null
 * @param rollback               the rollback preparing the previous colour, or null
 * @param lock                   who may write the Service's Deployments now, or null
 * @param lastFailed             the last rollout that failed, which a retry may run again, or null
 * @param liveRollout            the rollout that made the live release live, or null; it describes the live
 *                               release only while its deploymentId is the record's (a rollback leaves it behind)
 * @param pending                a release promoted from upstream that waits for its gates (an approval), or null
 * @param leadSwitched           the release the environment's lead cluster (the primary region) switched to
 *                               last, as this cluster heard it; null when it has no lead or heard nothing
 * @param leadRolledBack         the release the lead cluster rolled back last, as this cluster heard it, or null
 * @param soakPassed             the release whose soak this cluster's health monitor passed last
 *                               ({@code health.soak-passed}), or null: the live release ends its soak as stable
 *                               only once this names it
 * @param followersReady         the clusters that reported the rollout's release ready, as this primary heard them
 * @param verifications          the latest verifications reported for builds upstream, the gates of their promotion
 *                               here; the newest {@value #VERIFICATIONS_KEPT} are kept
 * @param outbox                 the events of changes made to the cluster and not yet acknowledged by
 *                               Kafka, each published by its topic's writer and then removed
 */
public record ReleaseRecord(String deploymentId, Color liveColor, String liveImage, Instant switchedAt,
        Phase phase, Instant rollbackWindowEndsAt, Color previousColor, String previousImage,
        String previousDeploymentId, String rolledBackDeploymentId, BuildOrder buildOrder, Rollout rollout,
        RollbackClaim rollback, RecordLock lock, Rollout lastFailed, Rollout liveRollout, Rollout pending,
        String leadSwitched, String leadRolledBack, String soakPassed, FollowersReady followersReady,
        List<Verification> verifications, List<SwitchbackEvent> outbox) {

    static final String LIVE_COLOR = BlueGreen.LIVE_COLOR;
    static final String LIVE_IMAGE = BlueGreen.PREFIX + "live-image";
    static final String SWITCHED_AT = BlueGreen.PREFIX + "switched-at";
    static final String PHASE = BlueGreen.PREFIX + "phase";
    static final String ROLLBACK_WINDOW_ENDS = BlueGreen.PREFIX + "rollback-window-ends";
    static final String PREVIOUS_COLOR = BlueGreen.PREFIX + "previous-color";
    static final String PREVIOUS_IMAGE = BlueGreen.PREFIX + "previous-image";
    static final String PREVIOUS_DEPLOYMENT_ID = BlueGreen.PREFIX + "previous-deployment-id";
    static final String ROLLED_BACK = BlueGreen.PREFIX + "rolled-back-deployment-id";
    static final String BUILD_ORDER = BlueGreen.PREFIX + "build-order";
    static final String ROLLOUT = BlueGreen.PREFIX + "rollout";
    static final String ROLLBACK = BlueGreen.PREFIX + "rollback";
    static final String LOCK = BlueGreen.PREFIX + "lock";
    static final String LAST_FAILED = BlueGreen.PREFIX + "last-failed";
    static final String LIVE_ROLLOUT = BlueGreen.PREFIX + "live-rollout";
    static final String PENDING = BlueGreen.PREFIX + "pending-promotion";
    static final String LEAD_SWITCHED = BlueGreen.PREFIX + "lead-switched";
    static final String LEAD_ROLLED_BACK = BlueGreen.PREFIX + "lead-rolled-back";
    static final String SOAK_PASSED = BlueGreen.PREFIX + "soak-passed";
    static final String VERIFICATIONS = BlueGreen.PREFIX + "verifications";
    static final String FOLLOWERS_READY = BlueGreen.PREFIX + "followers-ready";
    public static final int VERIFICATIONS_KEPT = 20;
    static final String OUTBOX = BlueGreen.PREFIX + "outbox";

    public ReleaseRecord {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        verifications = verifications == null ? List.of() : List.copyOf(verifications);
    }

    /** The record of a Service; empty when its selector names no colour. The live colour is the selector's. */
    public static Optional<ReleaseRecord> of(Service service) {
        return BlueGreen.selectedColor(service).map(live -> RecordAnnotations.read(live, BlueGreen.annotations(service)));
    }

    /** The annotations that record this release; absent values are written as removals (null). */
    public Map<String, String> annotations() {
        return RecordAnnotations.write(this);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the live release is inside its rollback window, watched and kept warm for. */
    public boolean soaking() {
        return phase == Phase.SOAKING;
    }

    /** The rollout the live release came from, if the record still describes it. */
    public Optional<Rollout> liveRelease() {
        return liveRollout != null && liveRollout.deploymentId().equals(deploymentId)
                ? Optional.of(liveRollout) : Optional.empty();
    }

    /** Whether a service other than {@code holder} holds the lock at {@code now}. */
    public boolean lockedAgainst(String holder, Instant now) {
        return lock != null && lock.heldAt(now) && !lock.holder().equals(holder);
    }

    /** A copy with changes; it validates nothing, the callers' deciders do. */
    public static final class Builder {
        private String deploymentId;
        private Color liveColor;
        private String liveImage;
        private Instant switchedAt;
        private Phase phase;
        private Instant rollbackWindowEndsAt;
        private Color previousColor;
        private String previousImage;
        private String previousDeploymentId;
        private String rolledBackDeploymentId;
        private BuildOrder buildOrder;
        private Rollout rollout;
        private RollbackClaim rollback;
        private RecordLock lock;
        private Rollout lastFailed;
        private Rollout liveRollout;
        private Rollout pending;
        private String leadSwitched;
        private String leadRolledBack;
        private String soakPassed;
        private FollowersReady followersReady;
        private final List<Verification> verifications = new ArrayList<>();
        private final List<SwitchbackEvent> outbox = new ArrayList<>();

        private Builder(ReleaseRecord r) {
            live(r.deploymentId, r.liveColor, r.liveImage, r.switchedAt, r.phase, r.rollbackWindowEndsAt);
            previous(r.previousColor, r.previousImage, r.previousDeploymentId);
            rolledBackDeploymentId = r.rolledBackDeploymentId;
            buildOrder = r.buildOrder;
            rollout = r.rollout;
            rollback = r.rollback;
            lock = r.lock;
            lastFailed = r.lastFailed;
            liveRollout = r.liveRollout;
            pending = r.pending;
            leadSwitched = r.leadSwitched;
            leadRolledBack = r.leadRolledBack;
            soakPassed = r.soakPassed;
            followersReady = r.followersReady;
            verifications.addAll(r.verifications);
            outbox.addAll(r.outbox);
        }

        /** The live release: id, colour, image, when it took traffic, its phase and rollback window. */
        public Builder live(String deploymentId, Color color, String image, Instant switchedAt, Phase phase,
                Instant rollbackWindowEndsAt) {
            this.deploymentId = deploymentId;
            this.liveColor = color;
            this.liveImage = image;
            this.switchedAt = switchedAt;
            return phase(phase, rollbackWindowEndsAt);
        }

        public Builder phase(Phase phase, Instant rollbackWindowEndsAt) {
            this.phase = phase;
            this.rollbackWindowEndsAt = rollbackWindowEndsAt;
            return this;
        }

        public Builder previous(Color color, String image, String deploymentId) {
            this.previousColor = color;
            this.previousImage = image;
            this.previousDeploymentId = deploymentId;
            return this;
        }

        public Builder rolledBack(String deploymentId) {
            this.rolledBackDeploymentId = deploymentId;
            return this;
        }

        public Builder buildOrder(BuildOrder order) {
            this.buildOrder = order;
            return this;
        }

        public Builder rollout(Rollout rollout) {
            this.rollout = rollout;
            return this;
        }

        public Builder rollback(RollbackClaim claim) {
            this.rollback = claim;
            return this;
        }

        public Builder lock(RecordLock lock) {
            this.lock = lock;
            return this;
        }

        public Builder lastFailed(Rollout failed) {
            this.lastFailed = failed;
            return this;
        }

        public Builder liveRollout(Rollout rollout) {
            this.liveRollout = rollout;
            return this;
        }

        public Builder pending(Rollout candidate) {
            this.pending = candidate;
            return this;
        }

        public Builder leadSwitched(String deploymentId) {
            this.leadSwitched = deploymentId;
            return this;
        }

        public Builder leadRolledBack(String deploymentId) {
            this.leadRolledBack = deploymentId;
            return this;
        }

        public Builder soakPassed(String deploymentId) {
            this.soakPassed = deploymentId;
            return this;
        }

        public Builder followersReady(FollowersReady ready) {
            this.followersReady = ready;
            return this;
        }

        /** Keeps a verification: it replaces the one of the same build and check, the oldest beyond the limit go. */
        public Builder verified(Verification verification) {
            verifications.removeIf(v -> v.buildEventId().equals(verification.buildEventId())
                    && v.check().equals(verification.check()));
            verifications.add(verification);
            while (verifications.size() > VERIFICATIONS_KEPT) {
                verifications.remove(0);
            }
            return this;
        }

        /** Events to publish once this change is written. */
        public Builder publish(SwitchbackEvent... events) {
            outbox.addAll(List.of(events));
            return this;
        }

        public Builder outbox(List<SwitchbackEvent> events) {
            outbox.clear();
            outbox.addAll(events);
            return this;
        }

        public ReleaseRecord build() {
            return new ReleaseRecord(deploymentId, liveColor, liveImage, switchedAt, phase, rollbackWindowEndsAt,
                    previousColor, previousImage, previousDeploymentId, rolledBackDeploymentId, buildOrder, rollout,
                    rollback, lock, lastFailed, liveRollout, pending, leadSwitched, leadRolledBack,
                    soakPassed, followersReady, verifications, outbox);
        }
    }
}
