package io.nifiecommerce.processors.edi;

import org.apache.nifi.components.DescribedValue;

/**
 * An allowable value of an EDI processor property, written as an enum constant: its name is the value, {@link #label()}
 * says how the UI shows and explains it.
 */
interface Option extends DescribedValue {

    /** Display name and description. */
    record Label(String displayName, String description) {
    }

    String name();

    Label label();

    @Override
    default String getValue() {
        return name();
    }

    @Override
    default String getDisplayName() {
        return label().displayName();
    }

    @Override
    default String getDescription() {
        return label().description();
    }
}
