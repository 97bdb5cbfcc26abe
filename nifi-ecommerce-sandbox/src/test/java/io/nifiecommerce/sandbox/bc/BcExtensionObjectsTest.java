package io.nifiecommerce.sandbox.bc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bc-extension must compile in a real BC: AL refuses two objects of one type with the same id, and ids outside the
 * app's idRanges. The simulator serves copies of the same AL files, which must not drift from what an integrator deploys.
 */
class BcExtensionObjectsTest {

    private static final Pattern OBJECT = Pattern.compile("(?m)^(page|table|codeunit|pageextension|tableextension|enum|query)\\s+(\\d+)\\s");
    private static final Pattern RANGE = Pattern.compile("\"from\"\\s*:\\s*(\\d+)\\s*,\\s*\"to\"\\s*:\\s*(\\d+)");

    private static Path extension() {
        return Path.of(System.getProperty("nifiecommerce.reference.dir")).resolveSibling("bc-extension");
    }

    private static List<Path> alFiles(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".al")).sorted().toList();
        }
    }

    @Test
    void everyObjectHasItsOwnIdWithinTheAppsRange() throws IOException {
        final Matcher range = RANGE.matcher(Files.readString(extension().resolve("app.json")));
        assertTrue(range.find(), "app.json has an idRange");
        final int from = Integer.parseInt(range.group(1));
        final int to = Integer.parseInt(range.group(2));
        final Map<String, Path> seen = new HashMap<>();
        for (final Path file : alFiles(extension().resolve("src"))) {
            final Matcher object = OBJECT.matcher(Files.readString(file));
            while (object.find()) {
                final int id = Integer.parseInt(object.group(2));
                assertTrue(id >= from && id <= to, file.getFileName() + ": " + object.group(1) + " " + id + " outside " + from + ".." + to);
                final Path other = seen.put(object.group(1) + " " + id, file);
                assertEquals(null, other, object.group(1) + " " + id + " in both " + other + " and " + file.getFileName());
            }
        }
        assertTrue(seen.size() >= 5, "objects found: " + seen.keySet());
    }

    @Test
    void theSimulatorServesTheFilesAnIntegratorDeploys() throws IOException {
        final Path served = Path.of("src/main/resources/io/nifiecommerce/sandbox/bc/custom");
        for (final Path copy : alFiles(served)) {
            assertEquals(Files.readString(extension().resolve("src").resolve(copy.getFileName())), Files.readString(copy), copy.getFileName().toString());
        }
    }
}
