package io.nifiecommerce.it.nifi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NarContentsTest {

    @Test
    void readsCoordinatesAndServicesOfBundledJars(@TempDir final Path dir) throws IOException {
        final Path nar = dir.resolve("demo.nar");
        final Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Nar-Group", "io.nifiecommerce");
        manifest.getMainAttributes().putValue("Nar-Id", "nifi-ecommerce-nar");
        manifest.getMainAttributes().putValue("Nar-Version", "9.9");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(nar), manifest)) {
            out.putNextEntry(new ZipEntry("META-INF/bundled-dependencies/processors-1.jar"));
            out.write(jar(NarContents.PROCESSOR, "# comment\ncom.example.B\n\ncom.example.A # trailing\n"));
            out.putNextEntry(new ZipEntry("META-INF/bundled-dependencies/services-1.jar"));
            out.write(jar(NarContents.CONTROLLER_SERVICE, "com.example.Service\n"));
        }

        final NarContents contents = NarContents.read(nar);

        assertEquals(List.of("io.nifiecommerce", "nifi-ecommerce-nar", "9.9"),
                List.of(contents.group(), contents.artifact(), contents.version()));
        assertEquals(List.of("processors-1.jar", "services-1.jar"), contents.bundledJars());
        assertEquals(List.of("com.example.A", "com.example.B"), contents.processors());
        assertEquals(List.of("com.example.Service"), contents.controllerServices());
    }

    @Test
    void recognisesJarsNiFiProvides() {
        assertTrue(NarContents.isProvidedByNiFi("nifi-api-2.0.0.jar"));
        assertTrue(NarContents.isProvidedByNiFi("nifi-record-2.3.0.jar"));
        assertFalse(NarContents.isProvidedByNiFi("nifi-utils-2.3.0.jar"));
        assertFalse(NarContents.isProvidedByNiFi("nifi-record-path-2.3.0.jar"));
        assertFalse(NarContents.isProvidedByNiFi("jackson-databind-2.18.3.jar"));
    }

    private static byte[] jar(final String service, final String lines) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new ZipEntry("META-INF/services/" + service));
            final OutputStream entry = jar;
            entry.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
