package io.nifiecommerce.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: cores, memory, CPU model, JVM, load. */
record Machine(int cores, String memory, String cpuModel, String java, String os, String load) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), memTotal(), readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"), loadAverage());
    }

    static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg")).map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).orElse("unknown");
    }

    private static String memTotal() {
        return lines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> {
                    final long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }).orElse("unknown");
    }

    private static String readCpuModel() {
        return lines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
    }

    private static java.util.Optional<String> firstLine(final Path path) {
        return lines(path).stream().findFirst();
    }

    private static List<String> lines(final Path path) {
        try {
            return Files.readAllLines(path);
        } catch (final IOException | RuntimeException e) {
            return List.of();
        }
    }
}
