package io.nifiecommerce.processors;

import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.components.state.StateMap;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One component's cluster state as ZooKeeper keeps it for every node: a map with a version, replaced only by a caller that
 * read the current version. Several simulated nodes share one instance.
 */
final class SharedClusterState implements StateManager {

    private Map<String, String> values = Map.of();
    private long version = -1;
    /** Replaces still to refuse as if another node had written first. */
    final AtomicInteger lostRaces = new AtomicInteger();
    volatile boolean unreachable;

    @Override
    public synchronized void setState(final Map<String, String> state, final Scope scope) throws IOException {
        check();
        values = Map.copyOf(state);
        version++;
    }

    @Override
    public synchronized StateMap getState(final Scope scope) throws IOException {
        check();
        final Map<String, String> snapshot = values;
        final long at = version;
        return new StateMap() {
            @Override
            public Optional<String> getStateVersion() {
                return at < 0 ? Optional.empty() : Optional.of(String.valueOf(at));
            }

            @Override
            public String get(final String key) {
                return snapshot.get(key);
            }

            @Override
            public Map<String, String> toMap() {
                return snapshot;
            }
        };
    }

    @Override
    public synchronized boolean replace(final StateMap oldValue, final Map<String, String> newValue, final Scope scope) throws IOException {
        check();
        if (!oldValue.getStateVersion().equals(version < 0 ? Optional.empty() : Optional.of(String.valueOf(version)))) {
            return false;
        }
        if (lostRaces.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            version++; // another node wrote in between
            return false;
        }
        values = Map.copyOf(new HashMap<>(newValue));
        version++;
        return true;
    }

    @Override
    public synchronized void clear(final Scope scope) throws IOException {
        setState(Map.of(), scope);
    }

    synchronized Map<String, String> values() {
        return values;
    }

    private void check() throws IOException {
        if (unreachable) {
            throw new IOException("ZooKeeper unreachable (simulated)");
        }
    }
}
