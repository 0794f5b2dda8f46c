package io.switchback.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract: its CloudEvents {@code type}, its topic and its record. The
 * CloudEvents type alone picks the class a record decodes to; no class name ever travels in a message.
 */
public enum EventType {
    BUILD_COMPLETED("build.completed", Topic.BUILDS, BuildCompleted.class),
    ROLLBACK_REQUESTED("rollback.requested", Topic.COMMANDS, RollbackRequested.class),
    PROMOTION_APPROVED("promotion.approved", Topic.COMMANDS, PromotionApproved.class),
    DEPLOYMENT_RETRY("deployment.retry", Topic.COMMANDS, DeploymentRetryRequested.class),
    VERIFICATION_RECORDED("verification.recorded", Topic.COMMANDS, VerificationRecorded.class),
    DEPLOYMENT_STARTED("deployment.started", Topic.DEPLOYMENTS, DeploymentStarted.class),
    DEPLOYMENT_READY("deployment.ready", Topic.DEPLOYMENTS, DeploymentReady.class),
    DEPLOYMENT_CANARY_STARTED("deployment.canary-started", Topic.DEPLOYMENTS, DeploymentCanaryStarted.class),
    DEPLOYMENT_HELD("deployment.held", Topic.DEPLOYMENTS, DeploymentHeld.class),
    DEPLOYMENT_TRAFFIC_SWITCHED("deployment.traffic-switched", Topic.DEPLOYMENTS, DeploymentTrafficSwitched.class),
    DEPLOYMENT_STABLE("deployment.stable", Topic.DEPLOYMENTS, DeploymentStable.class),
    DEPLOYMENT_FAILED("deployment.failed", Topic.DEPLOYMENTS, DeploymentFailed.class),
    DEPLOYMENT_SUPERSEDED("deployment.superseded", Topic.DEPLOYMENTS, DeploymentSuperseded.class),
    DEPLOYMENT_SKIPPED("deployment.skipped", Topic.DEPLOYMENTS, DeploymentSkipped.class),
    DEPLOYMENT_PROMOTION_PENDING("deployment.promotion-pending", Topic.DEPLOYMENTS, DeploymentPromotionPending.class),
    HEALTH_BREACHED("health.breached", Topic.HEALTH, HealthBreached.class),
    HEALTH_RECOVERED("health.recovered", Topic.HEALTH, HealthRecovered.class),
    HEALTH_INCONCLUSIVE("health.inconclusive", Topic.HEALTH, HealthInconclusive.class),
    HEALTH_SOAK_PASSED("health.soak-passed", Topic.HEALTH, HealthSoakPassed.class),
    HEALTH_SOAK_HELD("health.soak-held", Topic.HEALTH, HealthSoakHeld.class),
    HEALTH_EVIDENCE("health.evidence", Topic.HEALTH, HealthEvidence.class),
    ROLLBACK_STARTED("rollback.started", Topic.ROLLBACKS, RollbackStarted.class),
    ROLLBACK_COMPLETED("rollback.completed", Topic.ROLLBACKS, RollbackCompleted.class),
    ROLLBACK_FAILED("rollback.failed", Topic.ROLLBACKS, RollbackFailed.class),
    ROLLBACK_SKIPPED("rollback.skipped", Topic.ROLLBACKS, RollbackSkipped.class),
    ROLLBACK_HOOK_FINISHED("rollback.hook-finished", Topic.ROLLBACKS, RollbackHookFinished.class);

    private static final String PREFIX = "io.switchback.";
    private static final String VERSION = ".v1";
    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final String ceType;
    private final Topic topic;
    private final Class<? extends SwitchbackEvent> recordClass;

    EventType(String name, Topic topic, Class<? extends SwitchbackEvent> recordClass) {
        this.ceType = PREFIX + name + VERSION;
        this.topic = topic;
        this.recordClass = recordClass;
    }

    /** The CloudEvents {@code type}, e.g. {@code io.switchback.build.completed.v1}. */
    public String ceType() {
        return ceType;
    }

    public Topic topic() {
        return topic;
    }

    public Class<? extends SwitchbackEvent> recordClass() {
        return recordClass;
    }

    /** The CloudEvents {@code source}: the writing service. */
    public String source() {
        return "/switchback/" + topic.writer();
    }

    /** Classpath location of the JSON Schema of this type's {@code data}. */
    public String schemaResource() {
        return "/io/switchback/events/schemas/" + ceType + ".json";
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }

    public static EventType of(Class<?> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("not an event record: " + recordClass.getName());
        }
        return type;
    }
}
