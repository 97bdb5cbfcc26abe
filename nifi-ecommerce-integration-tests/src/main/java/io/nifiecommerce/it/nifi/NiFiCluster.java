package io.nifiecommerce.it.nifi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A two-node NiFi cluster on loopback started and stopped through {@code harness/nifi-cluster.sh} (node N on
 * 127.0.0.N, ZooKeeper in its own JVM). {@link #crash()} kills the primary node with SIGKILL and waits until the
 * other node is elected primary; {@link #restart()} brings the killed node back. Closing it, or the JVM exiting,
 * stops the cluster.
 */
public final class NiFiCluster implements RunningNiFi {

    public static final int NODES = 2;
    private static final Duration FAILOVER_LIMIT = Duration.ofMinutes(3);

    private final Path script;
    private final Path home;
    private final int basePort;
    private final StopOnExit stopper;
    private final List<Duration> failovers = new ArrayList<>();
    private int killed;

    private NiFiCluster(final Path repository, final Path home, final int basePort) {
        this.script = repository.resolve("harness/nifi-cluster.sh");
        this.home = home.toAbsolutePath();
        this.basePort = basePort;
        this.stopper = new StopOnExit("the NiFi cluster in " + home, () -> run(List.of("stop")));
    }

    /**
     * Starts ZooKeeper and both nodes and returns once both are CONNECTED with a primary node.
     *
     * @param basePort node 1's HTTP port (the others follow, see nifi-cluster.sh); 0 for a free block of ports
     * @param fresh    forget flows, queues and state a previous run left in {@code home}
     * @param nars     NARs to install besides NiFi's own (none: the project's NAR)
     */
    public static NiFiCluster start(final Path repository, final Path home, final int basePort, final boolean fresh,
                                    final List<Path> nars) {
        final NiFiCluster cluster = new NiFiCluster(repository, home, basePort == 0 ? freeBlock() : basePort);
        try {
            if (fresh) {
                cluster.run(List.of("reset"));
            }
            final List<String> args = new ArrayList<>(List.of("start"));
            nars.forEach(n -> args.add(n.toAbsolutePath().toString()));
            cluster.run(args);
        } catch (final RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Node {@code n}'s (1-based) REST API. */
    public URI nodeUri(final int n) {
        return URI.create("http://127.0.0." + n + ":" + (basePort + 10 * (n - 1)));
    }

    /** A client of a node that is up: node 1, or node 2 while node 1 is down. */
    @Override
    public NiFiClient client() {
        return new NiFiClient(nodeUri(killed == 1 ? 2 : 1));
    }

    @Override
    public URI uiUri() {
        return nodeUri(killed == 1 ? 2 : 1).resolve("/nifi");
    }

    @Override
    public Path home() {
        return home;
    }

    /** The node (1 or 2) the cluster reports as Primary Node. */
    public int primary() {
        return Integer.parseInt(run(List.of("primary")).getLast().trim());
    }

    /**
     * Kills the primary node with SIGKILL in the middle of whatever it does, then waits until the other node is
     * elected primary (it takes over the primary-only sources from their cluster state).
     */
    @Override
    public void crash() {
        final int primary = primary();
        run(List.of("kill", String.valueOf(primary)));
        killed = primary;
        final Instant killedAt = Instant.now();
        final Instant limit = killedAt.plus(FAILOVER_LIMIT);
        while (true) {
            try {
                if (primary() != primary) {
                    break;
                }
            } catch (final RuntimeException notYet) {
                // no primary elected yet, or the survivor still asks the dead coordinator
            }
            if (Instant.now().isAfter(limit)) {
                throw new IllegalStateException("No other node became primary within " + FAILOVER_LIMIT + " after node " + primary + " was killed");
            }
            sleep(Duration.ofMillis(500));
        }
        final Duration failover = Duration.between(killedAt, Instant.now());
        failovers.add(failover);
        System.err.println("[nifi-cluster] node " + primary + " killed; node " + (3 - primary) + " primary after " + failover.toMillis() + " ms");
    }

    /** Starts the node {@link #crash()} killed again; returns once every node is CONNECTED. */
    @Override
    public void restart() {
        if (killed == 0) {
            return;
        }
        run(List.of("start-node", String.valueOf(killed)));
        killed = 0;
    }

    /** How long each {@link #crash()} took from the kill to another node being primary. */
    public List<Duration> failovers() {
        return List.copyOf(failovers);
    }

    @Override
    public void close() {
        stopper.close();
    }

    private List<String> run(final List<String> args) {
        return HarnessScript.run(script, args, Map.of("NIFI_CLUSTER_HOME", home.toString(), "NIFI_CLUSTER_PORT", String.valueOf(basePort)),
                "nifi-cluster " + basePort);
    }

    /** A base port whose block (HTTP, protocol, load balance, management per node; ZooKeeper) is free. */
    private static int freeBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int base = 20_000 + 100 * ThreadLocalRandom.current().nextInt(400);
            if (free(base)) {
                return base;
            }
        }
        throw new IllegalStateException("No free block of ports for a NiFi cluster");
    }

    private static boolean free(final int base) {
        final List<Integer> ports = new ArrayList<>(List.of(base + 20));
        for (int n = 0; n < NODES; n++) {
            for (int offset = 0; offset < 4; offset++) {
                ports.add(base + 10 * n + offset);
            }
        }
        for (final int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (final IOException taken) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
