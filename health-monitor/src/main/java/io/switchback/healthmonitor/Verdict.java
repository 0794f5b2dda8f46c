package io.switchback.healthmonitor;

import java.time.Instant;

/**
 * A change in a check's state worth an event: it breached, it recovered, or it became inconclusive.
 *
 * @param consecutiveFailures failing evaluations in a row (breaches)
 * @param firstBadAt          the first failing evaluation of the streak (breaches), else null
 */
public record Verdict(Kind kind, CheckResult result, int consecutiveFailures, Instant firstBadAt, Instant at) {

    public enum Kind {
        BREACHED("breached"), RECOVERED("recovered"), INCONCLUSIVE("inconclusive");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The value of the {@code verdict} tag of the verdict counter. */
        public String tag() {
            return tag;
        }
    }
}
