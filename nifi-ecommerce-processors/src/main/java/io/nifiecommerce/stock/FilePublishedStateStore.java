package io.nifiecommerce.stock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/** Keeps the memory in a file, replaced atomically so that a crash leaves the old or the new memory, never half. */
public final class FilePublishedStateStore implements PublishedStateStore {

    private final Path file;
    private final int maxPairs;

    public FilePublishedStateStore(Path file, int maxPairs) {
        this.file = Objects.requireNonNull(file, "file");
        this.maxPairs = maxPairs;
    }

    @Override
    public PublishedQuantities load() throws IOException {
        if (!Files.exists(file)) {
            return new PublishedQuantities(maxPairs);
        }
        return PublishedQuantities.decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), maxPairs);
    }

    @Override
    public void save(PublishedQuantities quantities) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        final Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, quantities.encode(), StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
