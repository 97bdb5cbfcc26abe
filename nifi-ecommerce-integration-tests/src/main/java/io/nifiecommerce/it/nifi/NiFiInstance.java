package io.nifiecommerce.it.nifi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
public final class NiFiInstance implements RunningNiFi {

    private final Path script;
    private final Path home;
    private final int port;
    private final int managementPort;
    private final StopOnExit stopper;

    private NiFiInstance(final Path repository, final Path home, final int port, final int managementPort) {
        this.script = repository.resolve("harness/nifi.sh");
        this.home = home.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
        this.stopper = new StopOnExit("NiFi in " + home, () -> run(List.of("stop")));
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

    @Override
    public URI uiUri() {
        return baseUri().resolve("/nifi");
    }

    @Override
    public Path home() {
        return home;
    }

    public Path appLog() {
        return home.resolve("logs/nifi-app.log");
    }

    @Override
    public NiFiClient client() {
        return new NiFiClient(baseUri());
    }

    /**
     * Kills NiFi with SIGKILL, as a power cut or an OOM killer would: no graceful shutdown, no flush.
     * For crash tests; {@link #restart()} brings it back on the same home.
     */
    @Override
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
    @Override
    public void restart() {
        run(List.of("start"));
    }

    @Override
    public void close() {
        stopper.close();
    }

    private void run(final List<String> args) {
        try {
            HarnessScript.run(script, args, Map.of("NIFI_HOME", home.toString(), "NIFI_PORT", String.valueOf(port),
                    "NIFI_MGMT_PORT", String.valueOf(managementPort)), "nifi " + port);
        } catch (final IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; NiFi's log: " + appLog(), e);
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
