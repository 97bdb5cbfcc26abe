package io.nifiecommerce.processors;

import io.nifiecommerce.processors.docs.ComponentReference;
import org.apache.nifi.annotation.behavior.Restricted;
import org.apache.nifi.annotation.behavior.Restriction;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.RequiredPermission;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.migration.PropertyConfiguration;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockControllerServiceInitializationContext;
import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.PropertyMigrationResult;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NiFi conventions every registered processor and controller service of the bundle follows. */
class ComponentConventionsTest {

    static List<String> components() throws Exception {
        final ComponentReference reference = new ComponentReference(Path.of(""));
        final List<String> names = new ArrayList<>(reference.processorClassNames());
        names.addAll(reference.controllerServiceClassNames());
        assertFalse(names.isEmpty());
        return names;
    }

    static List<String> processors() throws Exception {
        return new ComponentReference(Path.of("")).processorClassNames();
    }

    private static ConfigurableComponent instantiate(final String className) throws Exception {
        final Class<?> type = Class.forName(className);
        if (Processor.class.isAssignableFrom(type)) {
            return TestRunners.newTestRunner(type.asSubclass(Processor.class)).getProcessor();
        }
        final ControllerService service = type.asSubclass(ControllerService.class).getDeclaredConstructor().newInstance();
        service.initialize(new MockControllerServiceInitializationContext(service, type.getSimpleName()));
        return service;
    }

    private static void migrate(final ConfigurableComponent component, final PropertyConfiguration config) {
        if (component instanceof Processor processor) {
            processor.migrateProperties(config);
        } else {
            ((ControllerService) component).migrateProperties(config);
        }
    }

    private static PropertyRenames renames(final Class<?> type) throws ReflectiveOperationException {
        final Field field = type.getDeclaredField("RENAMED_PROPERTIES");
        field.setAccessible(true);
        return (PropertyRenames) field.get(null);
    }

    @ParameterizedTest
    @MethodSource("components")
    void declaresItsOwnMigrateProperties(final String className) throws Exception {
        final Class<?> type = Class.forName(className);
        assertNotNull(type.getDeclaredMethod("migrateProperties", PropertyConfiguration.class));
        assertNotNull(renames(type));
    }

    @ParameterizedTest
    @MethodSource("components")
    void aFlowSavedWithTheCurrentNamesIsNotChangedByMigration(final String className) throws Exception {
        final ConfigurableComponent component = instantiate(className);
        final Map<String, String> saved = new LinkedHashMap<>();
        component.getPropertyDescriptors().forEach(descriptor -> saved.put(descriptor.getName(), "value of " + descriptor.getName()));
        final MockPropertyConfiguration config = new MockPropertyConfiguration(saved);

        migrate(component, config);

        assertEquals(saved, config.getProperties());
        final PropertyMigrationResult result = config.toPropertyMigrationResult();
        // (nifi-mock lists every rename asked for, even of an absent property: only the properties themselves count)
        assertTrue(result.getPropertiesRemoved().isEmpty() && result.getPropertiesUpdated().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("components")
    void everyFormerNameMigratesToACurrentProperty(final String className) throws Exception {
        final ConfigurableComponent component = instantiate(className);
        final Set<String> current = component.getPropertyDescriptors().stream().map(PropertyDescriptor::getName).collect(Collectors.toSet());
        for (final Map.Entry<String, String> rename : renames(component.getClass()).currentByFormer().entrySet()) {
            assertFalse(current.contains(rename.getKey()), rename.getKey() + " is both a former and a current name");
            final MockPropertyConfiguration config = new MockPropertyConfiguration(Map.of(rename.getKey(), "saved value"));
            migrate(component, config);
            // a chain of renames ends on a current property
            final Map<String, String> migrated = config.getProperties();
            assertEquals(1, migrated.size());
            final String name = migrated.keySet().iterator().next();
            assertTrue(current.contains(name), rename.getKey() + " migrates to " + name + ", which is not a property of " + className);
            assertEquals("saved value", migrated.get(name));
        }
    }

    @ParameterizedTest
    @MethodSource("processors")
    void everyProcessorSaysHowLongToYieldAndPenalize(final String className) throws Exception {
        assertNotNull(Class.forName(className).getAnnotation(DefaultSettings.class), className + " has no @DefaultSettings");
    }

    @ParameterizedTest
    @MethodSource("components")
    void aComponentReadingLocalFilesIsRestricted(final String className) throws Exception {
        final ConfigurableComponent component = instantiate(className);
        final boolean readsFiles = component.getPropertyDescriptors().stream()
                .anyMatch(d -> d.getResourceDefinition() != null && (d.getResourceDefinition().getResourceTypes().contains(ResourceType.FILE)
                        || d.getResourceDefinition().getResourceTypes().contains(ResourceType.DIRECTORY)));
        final Restricted restricted = component.getClass().getAnnotation(Restricted.class);
        final boolean mayReadFiles = restricted != null && Arrays.stream(restricted.restrictions())
                .map(Restriction::requiredPermission).anyMatch(RequiredPermission.READ_FILESYSTEM::equals);
        assertEquals(readsFiles, mayReadFiles, className + ": a property naming a local file or directory goes with "
                + "@Restricted(READ_FILESYSTEM), and only then");
    }
}
