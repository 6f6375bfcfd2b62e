package io.pharos.analytics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class LogBinsTest {

    @Test
    void everyValueIsRepresentedWithinOnePercent() {
        for (long v = 1; v < 40_000_000; v = v * 3 / 2 + 1) {
            double r = LogBins.representative(LogBins.bin(v));
            assertThat(r).as("value %d", v).isCloseTo(v, within(0.01 * v));
        }
        assertThat(LogBins.representative(LogBins.bin(0))).isZero();
    }

    @Test
    void percentilesFromMergedBinsStayWithinOnePercentOfTheExactNearestRank() {
        Random random = new Random(42);
        List<Long> values = new ArrayList<>();
        Map<Integer, Long> a = new TreeMap<>();
        Map<Integer, Long> b = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            long v = (long) Math.exp(random.nextDouble() * 15); // 1 s to ~38 days, skewed like response times
            values.add(v);
            (i % 2 == 0 ? a : b).merge(LogBins.bin(v), 1L, Long::sum);
        }
        Map<Integer, Long> merged = new TreeMap<>(a);
        b.forEach((k, n) -> merged.merge(k, n, Long::sum));
        Collections.sort(values);
        for (double p : new double[] { 1, 50, 90, 99, 100 }) {
            long exact = values.get((int) Math.ceil(p / 100 * values.size()) - 1);
            assertThat(LogBins.percentile(merged, p)).as("p%s", p).isCloseTo(exact, within(0.01 * exact));
        }
        assertThat(LogBins.percentile(Map.of(), 50)).isNull();
    }
}
