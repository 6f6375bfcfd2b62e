package io.pharos.analytics.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Log-scale bins for durations: bin k holds [1.02^k, 1.02^(k+1)) seconds (bin -1 holds 0), and is
 * represented by its midpoint, so a percentile read from merged bins is within 1 % of the exact
 * nearest-rank value (docs/kpi-definitions.md allows a mergeable digest that close).
 */
public final class LogBins {

    static final double GROWTH = 1.02;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private LogBins() {
    }

    public static int bin(double seconds) {
        if (seconds < 1) {
            return -1;
        }
        return (int) Math.floor(Math.log(seconds) / LOG_GROWTH + 1e-9);
    }

    public static double representative(int bin) {
        if (bin < 0) {
            return 0;
        }
        double low = Math.pow(GROWTH, bin);
        return (low + low * GROWTH) / 2;
    }

    /** Nearest rank over binned counts: the bin holding the ceil(p% × n)-th smallest value. */
    public static Double percentile(Map<Integer, Long> bins, double p) {
        long n = bins.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : new TreeMap<>(bins).entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return representative(e.getKey());
            }
        }
        return null;
    }
}
