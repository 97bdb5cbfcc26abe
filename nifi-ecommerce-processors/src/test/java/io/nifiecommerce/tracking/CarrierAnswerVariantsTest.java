package io.nifiecommerce.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.fuzz.EdiText;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Carrier API answers change without notice: fields are added (a new "links" object, a "co2" figure), documents are
 * pretty-printed or minified, a proxy adds a byte order mark or CRLF. Every JSON answer of the corpus that parses must
 * give the same events with an unknown field added to each of its objects, minified, pretty-printed with CRLF, and
 * behind a BOM.
 */
class CarrierAnswerVariantsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<JsonNode> parsedJsonAnswers() throws IOException {
        final List<JsonNode> entries = new ArrayList<>();
        for (final JsonNode entry : TrackingCorpusTest.manifest().path("files")) {
            if ("tracking".equals(entry.path("kind").asText()) && "parse".equals(entry.path("expect").asText())
                    && entry.path("file").asText().endsWith(".json")) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Adds an unknown scalar, object and array to every object of the tree (not to the added ones). */
    private static void addUnknownFields(final JsonNode node) {
        if (node instanceof ObjectNode object) {
            final List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(CarrierAnswerVariantsTest::addUnknownFields);
            object.put("x_carrier_extension", "v2");
            object.putObject("x_links").put("self", "https://api.example/track/1");
            object.putArray("x_co2").add(0.42);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(CarrierAnswerVariantsTest::addUnknownFields);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJsonAnswerReadsTheSameWhenItsShapeChanges() throws IOException {
        return parsedJsonAnswers().stream().map(entry -> DynamicTest.dynamicTest(entry.path("file").asText(), () -> {
            final ZoneId zone = ZoneId.of(entry.path("zone").asText("Europe/Paris"));
            final byte[] original = Files.readAllBytes(TrackingCorpusTest.CORPUS.resolve(entry.path("file").asText()));
            final List<TrackingEvent> expected = TrackingCorpusTest.parse(original, zone);
            final JsonNode tree = MAPPER.readTree(original);
            final String minified = MAPPER.writeValueAsString(tree);
            final String pretty = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree).replace("\n", "\r\n");
            final JsonNode extended = tree.deepCopy();
            addUnknownFields(extended);
            for (final Map.Entry<String, byte[]> variant : Map.of(
                    "minified", minified.getBytes(StandardCharsets.UTF_8),
                    "pretty CRLF", pretty.getBytes(StandardCharsets.UTF_8),
                    "BOM", EdiText.bytes(minified, StandardCharsets.UTF_8, true),
                    "unknown fields", MAPPER.writeValueAsBytes(extended)).entrySet()) {
                assertEquals(expected, TrackingCorpusTest.parse(variant.getValue(), zone), variant.getKey());
            }
        }));
    }
}
