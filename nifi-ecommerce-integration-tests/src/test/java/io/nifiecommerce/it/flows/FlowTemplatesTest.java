package io.nifiecommerce.it.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The committed flow definitions are the generator's output, and follow the rules integrators rely on. */
class FlowTemplatesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DIRECTORY = Path.of(System.getProperty("nifi-ecommerce.repository", "..")).resolve("flow-templates");

    private final FlowTemplates templates = new FlowTemplates(System.getProperty("nifi-ecommerce.version", "0.1.0-SNAPSHOT"));

    @Test
    void committedFilesAreWhatTheGeneratorWrites() throws IOException {
        for (final String name : FlowTemplates.NAMES) {
            final Path file = DIRECTORY.resolve(name + ".json");
            assertTrue(Files.isRegularFile(file), file + " is missing: run FlowTemplates");
            assertEquals(templates.all().get(name).toJson(), MAPPER.readTree(file.toFile()),
                    file + " differs from FlowTemplates: regenerate it");
            assertEquals(FlowTemplates.testParameters(templates.all().get(name)),
                    Files.readString(DIRECTORY.resolve(name + ".test-parameters.json"), StandardCharsets.UTF_8));
        }
        assertEquals(templates.readme(), Files.readString(DIRECTORY.resolve("README.md"), StandardCharsets.UTF_8));
    }

    @Test
    void secretsAreSensitiveParametersWithoutValue() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode json = flow.toJson();
            final Set<String> sensitive = new HashSet<>();
            json.path("parameterContexts").elements().next().path("parameters").forEach(p -> {
                if (p.path("sensitive").asBoolean()) {
                    sensitive.add(p.path("name").asText());
                    assertTrue(p.path("value").isNull(), p.path("name").asText() + " carries a value in " + flow.name());
                }
            });
            assertTrue(sensitive.stream().anyMatch(n -> n.contains("secret") || n.contains("token")), flow.name() + " declares its secrets");
            // every property that names a secret is bound to one of those sensitive parameters
            json.path("flowContents").path("controllerServices").forEach(service -> service.path("properties").fields().forEachRemaining(p -> {
                final String property = p.getKey().toLowerCase();
                if (property.contains("secret") || property.contains("token") || property.contains("password")) {
                    final String value = p.getValue().asText();
                    if (!value.startsWith("#{") || !sensitive.contains(value.substring(2, value.length() - 1))) {
                        fail(flow.name() + ": " + p.getKey() + " is not bound to a sensitive parameter");
                    }
                }
            }));
        }
    }

    @Test
    void sourcesRunOnThePrimaryNodeOnly() {
        for (final FlowDefinition flow : templates.all().values()) {
            final JsonNode group = flow.toJson().path("flowContents");
            final Set<String> destinations = new HashSet<>();
            group.path("connections").forEach(c -> destinations.add(c.path("destination").path("id").asText()));
            group.path("processors").forEach(processor -> {
                final boolean source = !destinations.contains(processor.path("identifier").asText());
                if (source && !"DISABLED".equals(processor.path("scheduledState").asText())
                        && !processor.path("type").asText().endsWith("ListenHTTP")) {
                    assertEquals("PRIMARY", processor.path("executionNode").asText(), processor.path("name").asText() + " in " + flow.name());
                }
            });
        }
    }
}
