package io.nifiecommerce.processors;

import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.processor.util.StandardValidators;

/**
 * A URL, or nothing. Override properties are bound to parameters that stay empty in production, and
 * an empty parameter reaches the component as an empty string, not as an unset property.
 */
public final class BlankOrUrlValidator implements Validator {

    public static final Validator INSTANCE = new BlankOrUrlValidator();

    private BlankOrUrlValidator() {
    }

    @Override
    public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
        if (input == null || input.isBlank()) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        }
        return StandardValidators.URL_VALIDATOR.validate(subject, input, context);
    }

    /** The value, or null when it is blank: what "not overridden" means to the clients. */
    public static String valueOrNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
