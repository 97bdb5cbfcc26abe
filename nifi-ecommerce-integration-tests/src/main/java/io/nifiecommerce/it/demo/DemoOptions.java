package io.nifiecommerce.it.demo;

import io.nifiecommerce.sandbox.shopify.RateLimit;

import java.time.Duration;

/**
 * What the demo runs: how many seeded shop orders, which seed, how often the sandbox fails on
 * purpose, and whether it exits once everything is synchronised (non-interactive use) or keeps
 * NiFi running for the user to look at; on one NiFi or on a two-node cluster.
 */
public record DemoOptions(int orders, long seed, double faultRate, boolean exitWhenSynced, Duration timeout, int nifiPort,
                          boolean fresh, int crashes, boolean cluster, String shopifyPlan) {

    static final int DEFAULT_PORT = 18080;
    static final int DEFAULT_CLUSTER_PORT = 18400;

    /** On one NiFi. */
    public DemoOptions(final int orders, final long seed, final double faultRate, final boolean exitWhenSynced, final Duration timeout,
                       final int nifiPort, final boolean fresh, final int crashes) {
        this(orders, seed, faultRate, exitWhenSynced, timeout, nifiPort, fresh, crashes, false, "standard");
    }

    public static DemoOptions parse(final String[] args) {
        int orders = 200;
        long seed = 42;
        double faultRate = 0.05;
        boolean exit = false;
        Duration timeout = null;
        Integer port = null;
        boolean fresh = false;
        int crashes = 0;
        boolean cluster = false;
        String plan = "standard";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(value(args, ++i, "--orders"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--fault-rate" -> faultRate = Double.parseDouble(value(args, ++i, "--fault-rate"));
                case "--exit-when-synced" -> exit = true;
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, "--timeout")));
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--fresh" -> fresh = true;
                case "--crashes" -> crashes = Integer.parseInt(value(args, ++i, "--crashes"));
                case "--cluster" -> cluster = true;
                case "--shopify-plan" -> plan = value(args, ++i, "--shopify-plan");
                case "--help", "-h" -> throw new IllegalArgumentException(usage());
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + usage());
            }
        }
        RateLimit.preset(plan); // an unknown plan fails here, before the sandbox starts
        if (faultRate < 0 || faultRate > 0.5) {
            throw new IllegalArgumentException("--fault-rate must be between 0 and 0.5");
        }
        // by default, the documented bound: it grows with the orders, the fault rate and the kills, not with the flows' schedules
        return new DemoOptions(orders, seed, faultRate, exit, timeout != null ? timeout : ConvergenceBound.of(orders, faultRate, crashes),
                port != null ? port : cluster ? DEFAULT_CLUSTER_PORT : DEFAULT_PORT, fresh, crashes, cluster, plan);
    }

    public static String usage() {
        return """
                Usage: ./demo.sh [--orders N] [--seed S] [--fault-rate R] [--exit-when-synced] [--timeout SECONDS] [--port P] [--fresh] [--crashes K] [--cluster] [--shopify-plan P]
                  --orders N            shop orders seeded in the sandbox (default 200)
                  --seed S              seed of the sandbox data and faults (default 42)
                  --fault-rate R        share of sandbox responses that fail on purpose, 0 to 0.5 (default 0.05)
                  --exit-when-synced    exit 0 once every flow converged: every shop order in Business Central exactly once,
                                        stock in Shopify equal to its sources, shipped orders with their tracking (else 1)
                  --timeout SECONDS     give up after this long with --exit-when-synced (default: the bound of docs/reliability.md,
                                        4 min + 2.5 s per order / (1 - fault rate) + 2 min per crash)
                  --port P              NiFi's HTTP port (default 18080; with --cluster node 1's, default 18400)
                  --fresh               start from a new NiFi home (forget flows and state of earlier runs)
                  --crashes K           kill -9 NiFi K times at random moments of the sync and restart it (crash test);
                                        with --cluster, the primary node, restarted once the other node took over as primary
                  --cluster             run on a two-node NiFi cluster on 127.0.0.1 and 127.0.0.2 with its own ZooKeeper
                                        (harness/nifi-cluster.sh): sources on the primary node, the rest load-balanced
                  --shopify-plan P      the sandbox shop's cost bucket: standard (default: 2,000 points, 100/s), advanced (x2),
                                        plus (x10) or enterprise (x20); the bundle adopts it from the shop's answers""";
    }

    private static String value(final String[] args, final int index, final String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return args[index];
    }
}
