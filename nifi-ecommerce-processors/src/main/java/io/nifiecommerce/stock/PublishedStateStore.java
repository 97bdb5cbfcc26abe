package io.nifiecommerce.stock;

import java.io.IOException;

/**
 * Where {@link PublishedQuantities} live between runs. The NiFi processor keeps them in cluster state (see
 * {@code io.nifiecommerce.processors.stock.PublishStockLevels}); tests and tools use memory or a file.
 */
public interface PublishedStateStore {

    /** The memory as last saved; empty when nothing was saved yet. */
    PublishedQuantities load() throws IOException;

    void save(PublishedQuantities quantities) throws IOException;

    /** Keeps the memory in this JVM only: for tests and one-off runs. */
    static PublishedStateStore inMemory() {
        return new PublishedStateStore() {
            private String saved;

            @Override
            public PublishedQuantities load() {
                return PublishedQuantities.decode(saved);
            }

            @Override
            public void save(PublishedQuantities quantities) {
                saved = quantities.encode();
            }
        };
    }
}
