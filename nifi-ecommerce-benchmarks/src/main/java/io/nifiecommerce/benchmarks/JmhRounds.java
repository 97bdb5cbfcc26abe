package io.nifiecommerce.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JMH in rounds, for side-by-side figures on a shared machine: each round runs every case (a value of the benchmark's
 * one {@code @Param}) in turn, the compared methods of a case back to back, so that a neighbour's burst hits one round,
 * not one method of every round, and a ratio taken within a round stays fair. One fork, one thread, 1 s iterations:
 * 3 warm-up and 5 measured, or 1 and 2 when quick.
 */
final class JmhRounds {

    private JmhRounds() {
    }

    /**
     * @param label    how the progress lines name the benchmark
     * @param param    the name of the benchmark's {@code @Param} that {@code cases} are values of
     * @return by case, by method, the operations per second of each round, in round order
     */
    static Map<String, Map<String, List<Double>>> run(final String label, final Class<?> benchmark, final String param, final List<String> cases,
                                                      final List<String> methods, final int rounds, final boolean quick) throws RunnerException {
        final Map<String, Map<String, List<Double>>> scores = new HashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (final String value : cases) {
                System.out.printf(Locale.ROOT, "   %s round %d/%d: %s (load average %s)%n", label, round, rounds, value, Machine.loadAverage());
                for (final RunResult result : new Runner(options(benchmark, param, value, methods, quick)).run()) {
                    final String name = result.getParams().getBenchmark();
                    final String method = name.substring(name.lastIndexOf('.') + 1);
                    scores.computeIfAbsent(value, v -> new HashMap<>()).computeIfAbsent(method, m -> new ArrayList<>())
                            .add(result.getPrimaryResult().getScore());
                }
            }
        }
        return scores;
    }

    /** The ratio of each round, ours over the reference measured in the same round. */
    static List<Double> ratios(final List<Double> ours, final List<Double> reference) {
        final List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(ours.size(), reference.size()); i++) {
            ratios.add(ours.get(i) / reference.get(i));
        }
        return ratios;
    }

    /** How the report describes the iterations. */
    static String iterations(final boolean quick) {
        return quick ? "1 x 1 s warm-up, 2 x 1 s" : "3 x 1 s warm-up, 5 x 1 s";
    }

    private static Options options(final Class<?> benchmark, final String param, final String value, final List<String> methods,
                                   final boolean quick) {
        return new OptionsBuilder()
                .include(benchmark.getName() + "\\.(" + String.join("|", methods) + ")$")
                .param(param, value)
                .forks(1)
                .threads(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true)
                .build();
    }
}
