package io.nifiecommerce.processors;

import org.apache.nifi.migration.PropertyConfiguration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The former names of a component's properties, each with its current name. A component applies them in its
 * {@code migrateProperties}, which NiFi calls when it loads a flow saved by an earlier version of the bundle: a value
 * set under a former name is moved to the current one instead of being dropped as an unknown property.
 * <p>
 * When a property is renamed, keep the old name here (never reuse it for another property) and add a line to the
 * CHANGELOG; NiFi itself rewrites the flow with the new name once it is loaded.
 */
public final class PropertyRenames {

    private static final PropertyRenames NONE = new PropertyRenames(Map.of());

    private final Map<String, String> currentByFormer;

    private PropertyRenames(final Map<String, String> currentByFormer) {
        this.currentByFormer = currentByFormer;
    }

    /** No property of the component was ever renamed. */
    public static PropertyRenames none() {
        return NONE;
    }

    /** Pairs of names, the former name first: {@code of("Old Name", "New Name", ...)}. */
    public static PropertyRenames of(final String... formerThenCurrent) {
        if (formerThenCurrent.length % 2 != 0) {
            throw new IllegalArgumentException("Names go in pairs, the former name first: " + String.join(", ", formerThenCurrent));
        }
        final Map<String, String> renames = new LinkedHashMap<>();
        for (int i = 0; i < formerThenCurrent.length; i += 2) {
            final String former = formerThenCurrent[i];
            final String current = formerThenCurrent[i + 1];
            if (former.equals(current)) {
                throw new IllegalArgumentException("'" + former + "' is renamed to itself");
            }
            if (renames.putIfAbsent(former, current) != null) {
                throw new IllegalArgumentException("'" + former + "' is renamed twice");
            }
        }
        return new PropertyRenames(Collections.unmodifiableMap(renames));
    }

    /** Former name to current name, in the order given. */
    public Map<String, String> currentByFormer() {
        return currentByFormer;
    }

    /** Moves every value set under a former name to the current name (NiFi keeps the value of the former one). */
    public void applyTo(final PropertyConfiguration config) {
        currentByFormer.forEach(config::renameProperty);
    }
}
