package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.webhook.SharedRecentEvents;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.components.state.StateMap;

import java.io.IOException;
import java.util.Map;

/** The webhook event ids every node shares, in the processor's cluster state (ZooKeeper, compare-and-set). */
final class ClusterStateEvents implements SharedRecentEvents.Store {

    private final StateManager state;

    ClusterStateEvents(final StateManager state) {
        this.state = state;
    }

    @Override
    public SharedRecentEvents.Version read() throws IOException {
        final StateMap read = state.getState(Scope.CLUSTER);
        return new SharedRecentEvents.Version() {
            @Override
            public Map<String, String> entries() {
                return read.toMap();
            }

            @Override
            public boolean replaceWith(final Map<String, String> next) throws IOException {
                return state.replace(read, next, Scope.CLUSTER);
            }
        };
    }
}
