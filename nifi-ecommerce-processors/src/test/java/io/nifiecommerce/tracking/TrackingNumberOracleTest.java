package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every valid test number of jkeen/tracking_number_data (MIT) must be detected as its courier, every invalid one
 * must not be. The data is read from the repository's reference/ directory (MIT, with its licence).
 */
class TrackingNumberOracleTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CarrierRegistry REGISTRY = CarrierRegistry.builtIn();

    @TestFactory
    Stream<DynamicTest> everyCourierFileOfTheOracle() throws IOException {
        final Path couriers = SharedReference.dir().resolve("tracking-number-data").resolve("couriers");
        assertTrue(Files.isDirectory(couriers), "oracle not found at " + couriers.toAbsolutePath());
        final List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(couriers)) {
            for (final Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                final JsonNode courier = MAPPER.readTree(file.toFile());
                final String family = courier.get("courier_code").asText();
                for (final JsonNode format : courier.get("tracking_numbers")) {
                    final String formatName = format.get("name").asText();
                    for (final JsonNode valid : format.path("test_numbers").path("valid")) {
                        final String number = valid.asText();
                        tests.add(DynamicTest.dynamicTest(family + " / " + formatName + " valid [" + number + "]", () -> {
                            final List<CarrierMatch> matches = REGISTRY.detectAll(number);
                            assertTrue(matches.stream().anyMatch(match -> match.carrier().equals(family)),
                                    () -> number + " not detected as " + family + ", got " + matches);
                            final CarrierMatch named = REGISTRY.detect(number, family);
                            assertTrue(named != null && named.valid() && named.carrier().equals(family),
                                    () -> number + " with hint " + family + " gave " + named);
                        }));
                    }
                    for (final JsonNode invalid : format.path("test_numbers").path("invalid")) {
                        final String number = invalid.asText();
                        tests.add(DynamicTest.dynamicTest(family + " / " + formatName + " invalid [" + number + "]", () -> {
                            final List<CarrierMatch> matches = REGISTRY.detectAll(number);
                            assertFalse(matches.stream().anyMatch(match -> match.definition().name().equals(formatName)),
                                    () -> number + " wrongly accepted as " + formatName + ": " + matches);
                            final CarrierMatch named = REGISTRY.detect(number, family);
                            assertTrue(named == null || !named.definition().name().equals(formatName) || !named.valid(),
                                    () -> number + " with hint " + family + " accepted as " + named);
                        }));
                    }
                }
            }
        }
        assertTrue(tests.size() > 250, "expected the whole oracle, got " + tests.size() + " numbers");
        return tests.stream();
    }
}
