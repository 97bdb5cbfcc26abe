package io.nifiecommerce.it.demo;

import io.nifiecommerce.it.nifi.NiFiInstance;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts a real NiFi 2.3.0 with the bundle installed and keeps it running until Ctrl-C.
 * Run through {@code ./demo.sh}; arguments: {@code --port N} (default 18080, management port N+1),
 * {@code --fresh} (forget the flow a previous demo left).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(final String[] args) throws InterruptedException {
        int port = 18080;
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--fresh" -> fresh = true;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + " (use --port N, --fresh)");
            }
        }
        final Path repository = Path.of(System.getProperty("nifi-ecommerce.repository", ".")).toAbsolutePath().normalize();
        if (!NiFiInstance.isRepository(repository)) {
            throw new IllegalStateException(repository + " is not the nifi-ecommerce repository (no harness/nifi.sh)");
        }
        // the instance's shutdown hook stops NiFi on Ctrl-C
        final NiFiInstance nifi = NiFiInstance.start(repository, repository.resolve(".nifi/demo"), port, fresh, List.of());
        System.out.println();
        System.out.println("NiFi " + nifi.client().version() + " with the nifi-ecommerce bundle: " + nifi.uiUri());
        System.out.println("Log: " + nifi.appLog());
        System.out.println("Press Ctrl-C to stop it.");
        Thread.currentThread().join();
    }
}
