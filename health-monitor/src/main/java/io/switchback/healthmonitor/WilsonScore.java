package io.switchback.healthmonitor;

/**
 * The Wilson score interval of a proportion. Its lower bound is how bad the error rate is at least,
 * with the chosen confidence: unlike the point estimate it does not jump above a threshold on a few
 * unlucky requests, yet it rises above it quickly when the errors are real.
 */
public final class WilsonScore {

    private WilsonScore() {
    }

    /**
     * @param failures failing trials
     * @param trials   all trials, more than zero
     * @param z        the standard normal quantile of the one-sided confidence, e.g. 2.326 for 99%
     */
    public static double lowerBound(long failures, long trials, double z) {
        if (trials <= 0) {
            throw new IllegalArgumentException("the Wilson bound needs trials, got " + trials);
        }
        double n = trials;
        double p = (double) failures / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Math.max(0, (centre - spread) / (1 + z2 / n));
    }
}
