package io.nifiecommerce.sandbox.shopify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The metafields of the simulated shop's orders: value and type by owner, namespace and key, as metafieldsSet leaves them. */
public final class Metafields {

    /** One metafield's value and type. */
    public record Value(String type, String value) {
    }

    private final Map<String, Value> values = new ConcurrentHashMap<>();

    void clear() {
        values.clear();
    }

    public Optional<Value> get(final String ownerId, final String namespace, final String key) {
        return Optional.ofNullable(values.get(ownerId + "|" + namespace + "|" + key));
    }

    void set(final String ownerId, final String namespace, final String key, final Value value) {
        values.put(ownerId + "|" + namespace + "|" + key, value);
    }
}
