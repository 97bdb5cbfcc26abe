package io.nifiecommerce.processors;

import org.apache.nifi.controller.NodeTypeProvider;

import java.util.Optional;
import java.util.Set;

/** What NiFi tells a component about its cluster; tests change it as nodes come and go. */
final class TestCluster implements NodeTypeProvider {
    boolean configured = true;
    boolean connected = true;
    Set<String> members = Set.of("nifi-1.example.com", "nifi-2.example.com");
    String currentNode = "nifi-1.example.com";

    @Override
    public boolean isClustered() {
        return connected;
    }

    @Override
    public boolean isConfiguredForClustering() {
        return configured;
    }

    @Override
    public boolean isPrimary() {
        return false;
    }

    @Override
    public Set<String> getClusterMembers() {
        return connected ? members : Set.of();
    }

    @Override
    public Optional<String> getCurrentNode() {
        return Optional.of(currentNode);
    }
}
