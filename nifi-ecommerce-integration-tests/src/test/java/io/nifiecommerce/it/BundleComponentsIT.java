package io.nifiecommerce.it;

import io.nifiecommerce.it.nifi.NarContents;
import io.nifiecommerce.it.nifi.NiFiClient;
import io.nifiecommerce.it.nifi.NiFiClient.ComponentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every component the NAR registers in META-INF/services is what a real NiFi loads from it, under the
 * bundle coordinates flow definitions refer to. Follows the code: nothing is listed here by hand.
 */
@ExtendWith(RealNiFi.class)
class BundleComponentsIT {

    private static final String GROUP = "io.nifiecommerce";
    private static final String ARTIFACT = "nifi-ecommerce-nar";

    private static NarContents nar;

    @BeforeAll
    static void readNar(final RealNiFi.Setup setup) {
        nar = NarContents.read(setup.nar());
    }

    @Test
    void narCarriesTheProjectCoordinates() {
        assertEquals(List.of(GROUP, ARTIFACT, projectVersion()), List.of(nar.group(), nar.artifact(), nar.version()));
    }

    @Test
    void narBundlesNoJarThatNiFiProvides() {
        assertEquals(List.of(), nar.bundledJars().stream().filter(NarContents::isProvidedByNiFi).toList(),
                "NiFi and the parent NAR provide these; bundling them breaks class loading");
    }

    @Test
    void narDeclaresComponents() {
        assertFalse(nar.processors().isEmpty() && nar.controllerServices().isEmpty(),
                "The NAR declares no Processor and no ControllerService: nifi-ecommerce-processors/src/main/resources/"
                        + "META-INF/services/" + NarContents.PROCESSOR + " (and " + NarContents.CONTROLLER_SERVICE
                        + ") list none. Bundled jars: " + nar.bundledJars());
    }

    @Test
    void narNamesTheLicenceOfEveryJarItBundles(final RealNiFi.Setup setup) throws IOException {
        final String legal;
        try (JarFile file = new JarFile(setup.nar().toFile())) {
            legal = text(file, "META-INF/LICENSE") + text(file, "META-INF/NOTICE");
        }
        assertTrue(legal.contains("Apache License"), "META-INF/LICENSE is not the Apache License");
        final List<String> unnamed = nar.bundledJars().stream()
                .map(jar -> jar.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ""))
                .filter(artifact -> !artifact.equals("nifi-ecommerce-processors"))
                .filter(artifact -> !legal.contains(artifact))
                .toList();
        assertEquals(List.of(), unnamed, "bundled jars whose licence nifi-ecommerce-nar/src/main/resources/META-INF/LICENSE or NOTICE does not name");
    }

    private static String text(final JarFile file, final String entry) throws IOException {
        final ZipEntry found = file.getEntry(entry);
        assertNotNull(found, "the NAR has no " + entry);
        try (InputStream in = file.getInputStream(found)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void niFiLoadsEveryDeclaredProcessor(final NiFiClient nifi) {
        assertEquals(new TreeSet<>(nar.processors()), loadedFromBundle(nifi.processorTypes()));
    }

    @Test
    void niFiLoadsEveryDeclaredControllerService(final NiFiClient nifi) {
        assertEquals(new TreeSet<>(nar.controllerServices()), loadedFromBundle(nifi.controllerServiceTypes()));
    }

    private static Set<String> loadedFromBundle(final List<ComponentType> types) {
        return types.stream()
                .filter(t -> t.group().equals(GROUP) && t.artifact().equals(ARTIFACT) && t.version().equals(projectVersion()))
                .map(ComponentType::type)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String projectVersion() {
        return System.getProperty("nifi-ecommerce.version", "0.1.0-SNAPSHOT");
    }
}
