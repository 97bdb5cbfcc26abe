package io.nifiecommerce.it.nifi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real NiFi started and stopped through {@code harness/nifi.sh}: the script owns downloading,
 * layout and configuration, this class owns the lifecycle from Java (tests, the demo).
 * Closing it, or the JVM exiting, stops that NiFi and only that one.
 */
public final class NiFiInstance implements AutoCloseable {

    private final Path script;
    private final Path home;
    private final int port;
    private final int managementPort;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private NiFiInstance(final Path repository, final Path home, final int port, final int managementPort) {
        this.script = repository.resolve("harness/nifi.sh");
        this.home = home.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
        this.shutdownHook = new Thread(this::stopQuietly, "nifi-stop-" + port);
    }

    /**
     * Starts NiFi and returns once its REST API answers.
     *
     * @param repository the repository root (holds harness/nifi.sh)
     * @param home       NIFI_HOME; reused homes start faster since NiFi keeps its unpacked NARs there
     * @param port       HTTP port, 0 for a free one (the management port is then chosen freely too)
     * @param fresh      forget any flow, queues and state a previous run left in {@code home}
     * @param nars       NARs to install besides NiFi's own (none: the project's NAR from its target directory)
     */
    public static NiFiInstance start(final Path repository, final Path home, final int port, final boolean fresh,
                                     final List<Path> nars) {
        final int httpPort = port == 0 ? freePort() : port;
        final int managementPort = port == 0 ? freePort() : port + 1;
        final NiFiInstance nifi = new NiFiInstance(repository, home, httpPort, managementPort);
        Runtime.getRuntime().addShutdownHook(nifi.shutdownHook);
        try {
            if (fresh) {
                nifi.run(List.of("reset"));
            }
            final List<String> args = new ArrayList<>(List.of("start"));
            nars.forEach(n -> args.add(n.toAbsolutePath().toString()));
            nifi.run(args);
        } catch (final RuntimeException e) {
            nifi.close();
            throw e;
        }
        return nifi;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI uiUri() {
        return baseUri().resolve("/nifi");
    }

    public Path home() {
        return home;
    }

    public Path appLog() {
        return home.resolve("logs/nifi-app.log");
    }

    public NiFiClient client() {
        return new NiFiClient(baseUri());
    }

    /**
     * Kills NiFi with SIGKILL, as a power cut or an OOM killer would: no graceful shutdown, no flush.
     * For crash tests; {@link #restart()} brings it back on the same home.
     */
    public void crash() {
        final Path pidFile = home.resolve("run/nifi.pid");
        try {
            final long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
        } catch (final IOException | NumberFormatException e) {
            throw new IllegalStateException("No running NiFi recorded in " + pidFile, e);
        }
    }

    /** Starts NiFi again on the same home, ports and flow; returns once its REST API answers. */
    public void restart() {
        run(List.of("start"));
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException shuttingDown) {
            // already running the hooks: nothing to unregister
        }
    }

    private void stopQuietly() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(List.of("stop"));
        } catch (final RuntimeException e) {
            System.err.println("Could not stop NiFi in " + home + ": " + e.getMessage());
        }
    }

    private void run(final List<String> args) {
        final List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(args);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        final Map<String, String> env = builder.environment();
        env.put("NIFI_HOME", home.toString());
        env.put("NIFI_PORT", String.valueOf(port));
        env.put("NIFI_MGMT_PORT", String.valueOf(managementPort));
        env.put("NIFI_WATCH_PID", String.valueOf(ProcessHandle.current().pid()));
        env.put("JAVA_HOME", System.getProperty("java.home")); // this JVM is 21+, as NiFi needs
        try {
            final Process process = builder.start();
            process.getOutputStream().close();
            // forwarded line by line: test forks must not share their stdout with a child process
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output.lines().forEach(line -> System.err.println("[nifi " + port + "] " + line));
            }
            final int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("harness/nifi.sh " + String.join(" ", args) + " failed with exit code "
                        + exit + "; NiFi's log: " + appLog());
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot run " + script, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /** True when {@code path} looks like this repository's root. */
    public static boolean isRepository(final Path path) {
        return Files.isRegularFile(path.resolve("harness/nifi.sh"));
    }
}
