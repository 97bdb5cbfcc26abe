package io.nifiecommerce.processors.docs;

import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@code docs/reference.md} in sync with the components: fails when the committed file differs from
 * what {@link ComponentReference} writes now. With {@code -Dreference.write=true} it rewrites the file instead.
 */
class ComponentReferenceTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REFERENCE = MODULE.resolveSibling("docs").resolve("reference.md");

    private static ComponentReference reference;
    private static String generated;

    @BeforeAll
    static void generate() throws Exception {
        reference = new ComponentReference(MODULE);
        generated = reference.render();
        if (Boolean.getBoolean("reference.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
    }

    @Test
    void committedReferenceIsWhatTheCodeSays() throws Exception {
        assertTrue(Files.exists(REFERENCE), REFERENCE + " is missing; generate it from the repository root with:\n"
                + ComponentReference.REGENERATE_COMMAND);
        final String committed = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        assertEquals(committed, generated, "docs/reference.md is out of date with the processors and services. Regenerate it from "
                + "the repository root with:\n" + ComponentReference.REGENERATE_COMMAND + "\nand commit the result.");
    }

    @Test
    void everyRegisteredComponentHasItsSectionAndProperties() throws Exception {
        final List<String> components = new ArrayList<>(reference.processorClassNames());
        components.addAll(reference.controllerServiceClassNames());
        assertFalse(reference.processorClassNames().isEmpty(), "no processor registered");
        assertFalse(reference.controllerServiceClassNames().isEmpty(), "no controller service registered");
        for (final String className : components) {
            final String simpleName = className.substring(className.lastIndexOf('.') + 1);
            final int start = generated.indexOf("\n## " + simpleName + "\n");
            assertTrue(start >= 0, "no section for " + simpleName);
            final int next = generated.indexOf("\n## ", start + 4);
            final String section = generated.substring(start, next < 0 ? generated.length() : next);
            assertTrue(section.contains("`" + className + "`"), simpleName + ": class name missing");
            assertTrue(section.contains("### Properties"), simpleName + ": properties missing");
            final ConfigurableComponent component = ComponentReference.instantiate(className);
            for (final PropertyDescriptor descriptor : component.getPropertyDescriptors()) {
                assertTrue(section.contains("| **" + descriptor.getName().replace("|", "\\|") + "**"),
                        simpleName + ": property " + descriptor.getName() + " missing");
            }
            if (component instanceof Processor processor) {
                for (final Relationship relationship : processor.getRelationships()) {
                    assertTrue(section.contains("| `" + relationship.getName() + "` |"), simpleName + ": relationship " + relationship.getName() + " missing");
                }
            }
            final Path details = MODULE.resolve("src/main/resources/docs/" + className + "/additionalDetails.md");
            assertEquals(Files.exists(details), section.contains("/additionalDetails.md)"), simpleName + ": additionalDetails link");
        }
    }
}
