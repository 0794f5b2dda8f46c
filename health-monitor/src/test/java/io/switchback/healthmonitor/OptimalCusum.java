package io.switchback.healthmonitor;

/**
 * The bound the sequential tests are measured against: Page's CUSUM tuned to the true baseline p0 and fault share
 * p1 of a simulated cell, on the same observations (n requests per evaluation, binomial bad counts), with its
 * threshold set so that its average run length at p0 is the false-alarm budget. By Moustakides (1986) no
 * procedure with that false-alarm rate has a smaller worst-case expected delay, and for the CUSUM the worst case
 * is a fault present from the first evaluation: the delay computed here.
 * <p>
 * Computed exactly, not approximated: the score of an evaluation with e bad of n requests,
 * {@code e log(p1/p0) + (n-e) log((1-p1)/(1-p0))}, is put on a grid whose step divides the per-request decrease
 * exactly and rounds the per-failure increase by at most half a step (under 1% of it), so the statistic is a
 * Markov chain on the grid points below the threshold and its average run lengths solve {@code (I - P) L = 1}.
 * The matrix for a threshold of H steps is the leading H x H block of the one for any larger threshold, and the
 * matrix is diagonally dominant, so one LU factorisation without pivoting answers every threshold, which a
 * binary search then picks.
 */
final class OptimalCusum {

    /** Grid step, in nats: the largest a step may be before it is refined to divide the per-evaluation decrease. */
    static final double STEP = 0.02;
    /** The highest threshold searched, in nats. */
    static final double MAX_THRESHOLD = 30;

    private OptimalCusum() {
    }

    /** The optimal CUSUM's threshold and its expected delay for one cell. */
    record Bound(double threshold, double averageRunLengthAtBaseline, double expectedDelay) {
    }

    /** @param budget the average run length at p0 required, in evaluations */
    static Bound of(double p0, double p1, int n, double budget) {
        Grid grid = new Grid(p0, p1, n);
        int states = (int) Math.ceil(MAX_THRESHOLD / grid.step);
        double[][] atBaseline = grid.factorised(p0, states);
        // a budget one step meets already (a fault so large that no healthy evaluation comes near): alarm at once
        int low = 1;
        int high = meets(grid.runLength(atBaseline, 1), budget) ? 1 : states;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (meets(grid.runLength(atBaseline, mid), budget)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        if (!meets(grid.runLength(atBaseline, high), budget)) {
            throw new IllegalStateException("no threshold up to " + MAX_THRESHOLD + " nats meets the budget " + budget);
        }
        double[][] atFault = grid.factorised(p1, high);
        return new Bound(high * grid.step, grid.runLength(atBaseline, high), grid.runLength(atFault, high));
    }

    /** An infinite run length (no healthy evaluation can reach the threshold) meets any budget. */
    private static boolean meets(double runLength, double budget) {
        return !(runLength < budget);
    }

    /** The CUSUM's statistic on its grid. */
    private static final class Grid {
        private final double step;
        private final int decrease;
        private final double increase;
        private final int n;

        Grid(double p0, double p1, int n) {
            this.n = n;
            double perRequest = Math.log((1 - p0) / (1 - p1));
            double perFailure = Math.log(p1 / p0) + perRequest;
            int steps = Math.max(1, (int) Math.ceil(n * perRequest / STEP));
            this.step = n * perRequest / steps;
            this.decrease = steps;
            this.increase = perFailure / step;
        }

        /** LU factors (in place, unit lower) of I - P for the first {@code states} grid points at share p. */
        double[][] factorised(double p, int states) {
            double[][] a = new double[states][states];
            double[] pmf = binomial(n, p);
            for (int i = 0; i < states; i++) {
                for (int e = 0; e <= n; e++) {
                    long target = Math.max(0, i + Math.round(e * increase) - decrease);
                    if (pmf[e] == 0 || target == i) {
                        continue;
                    }
                    // the diagonal, 1 - P(stay), summed from the ways out: no cancellation when staying is near certain
                    a[i][i] += pmf[e];
                    if (target < states) {
                        a[i][(int) target] -= pmf[e];
                    }
                }
            }
            for (int k = 0; k < states; k++) {
                double pivot = a[k][k];
                for (int i = k + 1; i < states; i++) {
                    double factor = a[i][k] / pivot;
                    if (factor != 0) {
                        a[i][k] = factor;
                        double[] row = a[i];
                        double[] pivotRow = a[k];
                        for (int j = k + 1; j < states; j++) {
                            row[j] -= factor * pivotRow[j];
                        }
                    }
                }
            }
            return a;
        }

        /** The average run length from zero with a threshold of {@code h} grid steps. */
        double runLength(double[][] lu, int h) {
            double[] y = new double[h];
            for (int i = 0; i < h; i++) {
                double sum = 1;
                for (int j = 0; j < i; j++) {
                    sum -= lu[i][j] * y[j];
                }
                y[i] = sum;
            }
            for (int i = h - 1; i >= 0; i--) {
                double sum = y[i];
                for (int j = i + 1; j < h; j++) {
                    sum -= lu[i][j] * y[j];
                }
                y[i] = sum / lu[i][i];
            }
            return y[0];
        }
    }

    /** The binomial probabilities, with those below 1e-300 as zero. */
    static double[] binomial(int n, double p) {
        double[] pmf = new double[n + 1];
        for (int e = 0; e <= n; e++) {
            double log = logChoose(n, e) + e * Math.log(p) + (n - e) * Math.log1p(-p);
            pmf[e] = Math.exp(log);
        }
        return pmf;
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
