package io.nifiecommerce.catalog;

import io.nifiecommerce.stock.StateChunks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The items that have a product in Shopify through the publisher, each with one SKU to find that product by: what a
 * complete read of the ERP is compared with to see which items were deleted. The fingerprint memory cannot answer it
 * (its keys are hashes). Kept in cluster state as the sorted list, deflated: item numbers share long prefixes, so 50,000
 * of them take about 100 KB, beside the memory's 0.7 MB under ZooKeeper's 1 MB.
 */
public final class PublishedItems {

    static final String STATE_PREFIX = "items.";

    /** Item number to the SKU its product is looked up by (the number itself for a single-variant item). */
    private final TreeMap<String, String> skus;

    private PublishedItems(final TreeMap<String, String> skus) {
        this.skus = skus;
    }

    public static PublishedItems empty() {
        return new PublishedItems(new TreeMap<>());
    }

    /** Reads what {@link #toState} wrote; absent or unreadable: empty, so nothing is archived before a complete read rebuilds it. */
    public static PublishedItems fromState(final Map<String, String> state) {
        final String encoded = StateChunks.join(STATE_PREFIX, state);
        final TreeMap<String, String> skus = new TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return new PublishedItems(skus);
        }
        try {
            for (final String line : inflate(Base64.getDecoder().decode(encoded)).split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                final int tab = line.indexOf('\t');
                skus.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? line : line.substring(tab + 1));
            }
        } catch (final IllegalArgumentException | DataFormatException e) {
            skus.clear();
        }
        return new PublishedItems(skus);
    }

    /** The state entries holding this list. */
    public Map<String, String> toState() {
        final StringBuilder text = new StringBuilder();
        skus.forEach((number, sku) -> {
            text.append(number);
            if (!sku.equals(number)) {
                text.append('\t').append(sku);
            }
            text.append('\n');
        });
        return StateChunks.split(STATE_PREFIX, Base64.getEncoder().encodeToString(deflate(text.toString())));
    }

    /** The item has a product, found by {@code sku}. */
    public void add(final String number, final String sku) {
        skus.put(number, sku);
    }

    /** The item no longer has a product the publisher keeps (archived after its deletion, or gone from Shopify). */
    public void remove(final String number) {
        skus.remove(number);
    }

    /** The items published but not among those read: deleted in the ERP, when the read was complete. */
    public List<String> missingFrom(final Collection<String> numbersRead) {
        final Set<String> read = new HashSet<>(numbersRead);
        final List<String> missing = new ArrayList<>();
        skus.keySet().forEach(number -> {
            if (!read.contains(number)) {
                missing.add(number);
            }
        });
        return missing;
    }

    public String sku(final String number) {
        return skus.get(number);
    }

    public int size() {
        return skus.size();
    }

    private static byte[] deflate(final String text) {
        final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static String inflate(final byte[] bytes) throws DataFormatException {
        final Inflater inflater = new Inflater();
        inflater.setInput(bytes);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                final int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, n);
            }
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
