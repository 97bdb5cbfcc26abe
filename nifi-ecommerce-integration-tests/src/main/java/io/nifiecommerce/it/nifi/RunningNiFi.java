package io.nifiecommerce.it.nifi;

import java.net.URI;
import java.nio.file.Path;

/** A NiFi the demo and tests drive: one node ({@link NiFiInstance}) or a cluster ({@link NiFiCluster}). */
public interface RunningNiFi extends AutoCloseable {

    /** A REST client of a node that is up (in a cluster, requests are replicated to every node). */
    NiFiClient client();

    URI uiUri();

    /** Where this NiFi keeps its homes. */
    Path home();

    /** Kills NiFi with SIGKILL, as a power cut would; in a cluster, the primary node. */
    void crash();

    /** Brings back what {@link #crash()} killed, on the same home and ports. */
    void restart();

    @Override
    void close();
}
