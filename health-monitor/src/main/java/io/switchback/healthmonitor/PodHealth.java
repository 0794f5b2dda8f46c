package io.switchback.healthmonitor;

/**
 * The pods of the live colour at one evaluation, as the {@code health-endpoint} check judges them: from what
 * Kubernetes says of them and what their health endpoints answered ({@link PodEvidence}).
 *
 * @param podsDown       pods down (failing their health endpoint, restarted, not ready beyond the grace) plus
 *                       desired pods missing beyond the grace
 * @param podsJudged     pods with a verdict: those down and the ready ones whose health endpoint answered 2xx
 * @param findings       which pods are down and why, for a person; empty when none is
 * @param withoutVerdict why no pod could be judged, for a person; empty when some pod was
 * @param awaitingGrace  no pod could be judged yet, but pods not ready (or missing) inside the grace will be
 */
public record PodHealth(int podsDown, int podsJudged, String findings, String withoutVerdict, boolean awaitingGrace) {

    /** Before the pods were looked at. */
    public static final PodHealth NOT_JUDGED = new PodHealth(0, 0, "", "the pods were not judged", false);
}
