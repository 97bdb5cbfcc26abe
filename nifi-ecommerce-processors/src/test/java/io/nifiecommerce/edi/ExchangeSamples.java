package io.nifiecommerce.edi;

import io.nifiecommerce.tracking.SharedReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The third-party samples of reference/edi-exchange-samples/ (provenance and licences in its README). */
final class ExchangeSamples {

    private ExchangeSamples() {
    }

    static Path path(final String name) {
        return SharedReference.dir().resolve("edi-exchange-samples").resolve(name);
    }

    static InputStream open(final String name) {
        try {
            return Files.newInputStream(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
