package io.nifiecommerce.tracking;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's reference data (reference/) (system property set by the parent pom, module-relative fallback). */
public final class SharedReference {

    private SharedReference() {
    }

    public static Path dir() {
        final String property = System.getProperty("nifiecommerce.reference.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        return Path.of("..", "reference");
    }
}
