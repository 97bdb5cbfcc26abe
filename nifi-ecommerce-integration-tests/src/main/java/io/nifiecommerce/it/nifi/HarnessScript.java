package io.nifiecommerce.it.nifi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one of the harness scripts (nifi.sh, nifi-cluster.sh): its progress (stderr) is forwarded line by line to
 * this JVM's stderr under a label (test forks must not share their stdout with a child process), its answer
 * (stdout) returned.
 */
final class HarnessScript {

    private HarnessScript() {
    }

    /** The script's stdout lines; fails when it exits non-zero. */
    static List<String> run(final Path script, final List<String> args, final Map<String, String> environment, final String label) {
        final List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("NIFI_WATCH_PID", String.valueOf(ProcessHandle.current().pid()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // this JVM is 21+, as NiFi needs
        try {
            final Process process = builder.start();
            process.getOutputStream().close();
            final Thread progress = Thread.ofVirtual().start(() -> lines(process.getErrorStream())
                    .forEach(line -> System.err.println("[" + label + "] " + line)));
            final List<String> answer = lines(process.getInputStream());
            answer.forEach(line -> System.err.println("[" + label + "] " + line));
            final int exit = process.waitFor();
            progress.join();
            if (exit != 0) {
                throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args) + " failed with exit code " + exit);
            }
            return answer;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot run " + script, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }

    private static List<String> lines(final InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
