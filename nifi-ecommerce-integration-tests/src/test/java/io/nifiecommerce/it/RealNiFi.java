package io.nifiecommerce.it;

import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Gives integration tests one real NiFi 2.3.0 with the project's NAR, booted once per test run and
 * shared by every test class (it lives in the root extension store, closed when the run ends; a JVM
 * shutdown hook and the harness' parent watch stop it if the run is killed).
 * Inject {@link NiFiClient}, {@link NiFiInstance} or {@link RealNiFi.Setup} into tests.
 */
public final class RealNiFi implements ParameterResolver {

    private static FileLock homeLock; // held for the whole run: a lock that is garbage collected is released

    /** Where the repository, the NAR and the NiFi are. */
    public record Setup(Path repository, Path nar, NiFiInstance nifi) {
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        return type == NiFiClient.class || type == NiFiInstance.class || type == Setup.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Setup setup = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RealNiFi.class, key -> new Running(boot()), Running.class).setup;
        final Class<?> type = parameter.getParameter().getType();
        if (type == NiFiClient.class) {
            return setup.nifi().client();
        }
        return type == NiFiInstance.class ? setup.nifi() : setup;
    }

    private static Setup boot() {
        final Path repository = Path.of(System.getProperty("nifi-ecommerce.repository", "..")).toAbsolutePath().normalize();
        if (!NiFiInstance.isRepository(repository)) {
            throw new IllegalStateException("No harness/nifi.sh under " + repository + " (system property nifi-ecommerce.repository)");
        }
        final Path nar = Path.of(System.getProperty("nifi-ecommerce.nar",
                repository + "/nifi-ecommerce-nar/target/nifi-ecommerce-nar.nar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(nar)) {
            throw new IllegalStateException("NAR " + nar + " is missing: run the integration tests through Maven "
                    + "(./mvnw verify), which packages it first");
        }
        final long started = System.nanoTime();
        final NiFiInstance nifi = NiFiInstance.start(repository, home(repository), 0, true, List.of(nar));
        System.err.printf("Real NiFi %s up at %s in %.1f s (NIFI_HOME %s)%n", nifi.client().version(), nifi.uiUri(),
                (System.nanoTime() - started) / 1e9, nifi.home());
        return new Setup(repository, nar, nifi);
    }

    /**
     * A NIFI_HOME kept between runs (<repo>/.nifi/it) starts faster: NiFi does not unpack its NARs again.
     * When another run holds it, this run takes a private one under target/.
     */
    private static Path home(final Path repository) {
        final Path shared = repository.resolve(".nifi/it");
        try {
            Files.createDirectories(shared.getParent());
            final FileChannel channel = FileChannel.open(shared.getParent().resolve("it.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock != null) {
                homeLock = lock;
                return shared; // released when this JVM exits, after the shutdown hook stopped NiFi
            }
            channel.close();
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "nifi-it-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot prepare a NIFI_HOME", e);
        }
    }

    private record Running(Setup setup) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            setup.nifi().close();
        }
    }
}
