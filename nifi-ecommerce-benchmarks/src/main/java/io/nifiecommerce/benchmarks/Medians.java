package io.nifiecommerce.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Medians of repeated measurements (the middle value; the mean of the two middle ones for an even count). */
final class Medians {

    private Medians() {
    }

    static double of(final List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        final double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double min(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
