package io.nifiecommerce.tracking;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference data (system property set by the parent pom, module-relative fallback). */
public final class SharedReference {

    private SharedReference() {
    }

    public static Path dir() {
        final String property = System.getProperty("shared.reference.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        return Path.of("..", "..", "shared", "reference");
    }
}
