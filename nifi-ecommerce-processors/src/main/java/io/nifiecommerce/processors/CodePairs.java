package io.nifiecommerce.processors;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

import java.util.HashMap;
import java.util.Map;

/** A property of {@code key=CODE} pairs separated by commas, such as a marketplace's code for each of the bundle's carriers. */
public final class CodePairs {

    /** Valid when empty or {@code key=CODE(,key=CODE)*}; a code may hold spaces (Amazon's "Mondial Relay"), not commas or '='. */
    public static final Validator VALIDATOR = (subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
            .valid(input == null || input.isBlank() || input.matches("\\s*[^=,\\s]+\\s*=\\s*[^=,]*[^=,\\s]\\s*(,\\s*[^=,\\s]+\\s*=\\s*[^=,]*[^=,\\s]\\s*)*"))
            .explanation("expected key=CODE pairs separated by commas").build();

    private CodePairs() {
    }

    /** The pairs of a property value (null: none), keys and codes trimmed. */
    public static Map<String, String> parse(final String value) {
        final Map<String, String> codes = new HashMap<>();
        if (value != null) {
            for (final String pair : value.split(",")) {
                final int equals = pair.indexOf('=');
                if (equals > 0) {
                    codes.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                }
            }
        }
        return codes;
    }
}
