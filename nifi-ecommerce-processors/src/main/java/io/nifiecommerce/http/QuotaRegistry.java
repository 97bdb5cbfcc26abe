package io.nifiecommerce.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The limiters of one JVM (one NiFi node), one for each identity a vendor meters: Business Central counts requests
 * per user, Shopify per app and shop, whatever number of connection services send them. Every flow definition
 * declares its own connection services, so nine flows for one client would otherwise run nine limiters against one
 * quota. A service leases the limiter of its identity when it is enabled and closes the lease when it is disabled;
 * the limiter lives while one lease is open.
 *
 * <p>The holders of one limiter may be configured differently (one service of the same user told to stay lower);
 * after each lease and release the limiter is handed the settings of every open lease, to apply as its kind
 * decides. The first lease's factory builds the limiter, with that holder's cluster share: the share counts the
 * same nodes whichever holder asks.
 *
 * @param <S> a holder's settings
 * @param <Q> the limiter
 */
public final class QuotaRegistry<S, Q> {

    private final BiConsumer<Q, List<S>> settle;
    private final Map<String, Shared> byKey = new HashMap<>();

    /** @param settle applies the settings of every open lease to the limiter (called under the registry's lock) */
    public QuotaRegistry(final BiConsumer<Q, List<S>> settle) {
        this.settle = settle;
    }

    /**
     * The limiter of {@code key}, built by {@code create} from these settings if no lease of it is open.
     *
     * @param key an identity from {@link #key(String...)}: never a credential in clear
     */
    public synchronized Lease lease(final String key, final S settings, final Function<S, Q> create) {
        final Shared shared = byKey.computeIfAbsent(key, k -> new Shared(create.apply(settings)));
        final Lease lease = new Lease(key, shared, settings);
        shared.leases.add(lease);
        settle.accept(shared.quota, shared.settings());
        return lease;
    }

    /** Open leases of {@code key}. */
    public synchronized int holders(final String key) {
        final Shared shared = byKey.get(key);
        return shared == null ? 0 : shared.leases.size();
    }

    private synchronized void release(final Lease lease) {
        final Shared shared = byKey.get(lease.key);
        if (shared == null || shared != lease.shared || !shared.leases.remove(lease)) {
            return;
        }
        if (shared.leases.isEmpty()) {
            byKey.remove(lease.key);
        } else {
            settle.accept(shared.quota, shared.settings());
        }
    }

    /**
     * A key naming an identity without showing it: the SHA-256 of the parts, so that a token may be one of them
     * and still appear in no log, attribute or heap dump of the registry's map.
     */
    public static String key(final String... parts) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final String part : parts) {
                final byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                // length-prefixed: ("ab", "c") and ("a", "bc") are different identities
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }

    private final class Shared {
        final Q quota;
        final List<Lease> leases = new ArrayList<>();

        Shared(final Q quota) {
            this.quota = quota;
        }

        List<S> settings() {
            return leases.stream().map(lease -> lease.settings).toList();
        }
    }

    /** One holder's use of a shared limiter; closing it twice releases it once. */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final Shared shared;
        private final S settings;

        private Lease(final String key, final Shared shared, final S settings) {
            this.key = key;
            this.shared = shared;
            this.settings = settings;
        }

        public Q quota() {
            return shared.quota;
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
