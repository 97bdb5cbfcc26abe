package io.nifiecommerce.it.nifi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What a NAR declares, read from the file itself: its coordinates (manifest) and the components its
 * bundled jars register in {@code META-INF/services}. Tests compare this with what NiFi loaded.
 */
public record NarContents(String group, String artifact, String version, List<String> bundledJars,
                          Map<String, List<String>> declaredComponents) {

    public static final String PROCESSOR = "org.apache.nifi.processor.Processor";
    public static final String CONTROLLER_SERVICE = "org.apache.nifi.controller.ControllerService";
    public static final String REPORTING_TASK = "org.apache.nifi.reporting.ReportingTask";

    private static final String BUNDLED = "META-INF/bundled-dependencies/";
    private static final List<String> SERVICE_FILES = List.of(PROCESSOR, CONTROLLER_SERVICE, REPORTING_TASK);

    public static NarContents read(final Path nar) {
        try (JarFile file = new JarFile(nar.toFile())) {
            final Attributes manifest = file.getManifest().getMainAttributes();
            final List<String> jars = new ArrayList<>();
            final Map<String, List<String>> components = new TreeMap<>();
            SERVICE_FILES.forEach(s -> components.put(s, new ArrayList<>()));
            for (final ZipEntry entry : file.stream().toList()) {
                final String name = entry.getName();
                if (name.startsWith(BUNDLED) && name.endsWith(".jar")) {
                    jars.add(name.substring(BUNDLED.length()));
                    try (InputStream jar = file.getInputStream(entry)) {
                        collectServices(jar, components);
                    }
                }
            }
            components.values().forEach(list -> list.sort(null));
            return new NarContents(manifest.getValue("Nar-Group"), manifest.getValue("Nar-Id"),
                    manifest.getValue("Nar-Version"), List.copyOf(jars), components);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read NAR " + nar, e);
        }
    }

    public List<String> processors() {
        return declaredComponents.get(PROCESSOR);
    }

    public List<String> controllerServices() {
        return declaredComponents.get(CONTROLLER_SERVICE);
    }

    private static void collectServices(final InputStream jar, final Map<String, List<String>> into) throws IOException {
        final ZipInputStream entries = new ZipInputStream(jar);
        for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
            for (final String service : SERVICE_FILES) {
                if (entry.getName().equals("META-INF/services/" + service)) {
                    into.get(service).addAll(classNames(entries));
                }
            }
        }
    }

    /** Class names of a service file: one a line, '#' starts a comment. */
    static List<String> classNames(final InputStream serviceFile) throws IOException {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(serviceFile, StandardCharsets.UTF_8));
        final List<String> names = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            final int comment = line.indexOf('#');
            final String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** True when {@code jar} is one NiFi provides itself, so a NAR must not bundle it. */
    public static boolean isProvidedByNiFi(final String jar) {
        return jar.matches("(nifi-api|nifi-framework-api|nifi-framework-core|nifi-runtime|nifi-nar-utils|nifi-properties"
                + "|nifi-server-api|nifi-record|nifi-record-serialization-service-api|nifi-ssl-context-service-api"
                + "|nifi-proxy-configuration-api|nifi-oauth2-provider-api|nifi-lookup-service-api)-\\d.*\\.jar");
    }
}
