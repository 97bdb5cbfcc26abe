package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds a POST or PATCH body onto an entity the way BC validates it: unknown properties and wrong
 * JSON types are 400s, text longer than the table field is {@code Application_StringExceededLength},
 * code fields are upper-cased. A field the page marks {@code Editable = false} is refused with 400
 * {@code Control '<field>' is read-only.}, as BC does (MicrosoftDocs/dynamics365smb-devitpro-pb#618);
 * {@code @odata.*} annotations are skipped.
 */
final class EntityBody {

    static final String BLANK_GUID = "00000000-0000-0000-0000-000000000000";
    static final String BLANK_DATE = "0001-01-01";

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private EntityBody() {
    }

    /** A new entity with every field at BC's blank value. */
    static ObjectNode blank(final BcEntityType type) {
        final ObjectNode node = NODES.objectNode();
        for (final BcField field : type.fields()) {
            switch (field.type()) {
                case STRING, CODE, ENUM -> node.put(field.name(), "");
                case GUID -> node.put(field.name(), BLANK_GUID);
                case DECIMAL -> node.put(field.name(), BigDecimal.ZERO);
                case INTEGER -> node.put(field.name(), 0);
                case BOOLEAN -> node.put(field.name(), false);
                case DATE -> node.put(field.name(), BLANK_DATE);
                case DATETIME -> node.put(field.name(), "0001-01-01T00:00:00Z");
            }
        }
        return node;
    }

    /**
     * Copies the body's writable fields onto the target after validating them. Names in
     * {@code navigation} are left for the caller (deep insert).
     */
    static void bind(final BcEntityType type, final ObjectNode target, final JsonNode body, final Set<String> navigation) {
        if (body == null || !body.isObject()) {
            throw BcApiError.badRequest("The request body must be a JSON object.");
        }
        final Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> entry = fields.next();
            final String name = entry.getKey();
            if (name.startsWith("@odata.") || navigation.contains(name)) {
                continue;
            }
            final BcField field = type.field(name);
            if (field == null && type.page() != null && type.page().part(name).isPresent()) {
                // A part of the page (deep insert in BC) that the simulator does not insert: say so rather than pretend.
                throw new BcApiError(501, "NotImplemented", "The simulator does not implement deep insert of '" + name + "' into '"
                        + type.page().entitySetName() + "'.");
            }
            if (field == null) {
                throw BcApiError.badRequest("The property '" + name + "' does not exist on type 'Microsoft.NAV." + type.name()
                        + "'. Make sure to only use property names that are defined by the type.");
            }
            if (!field.writable()) {
                throw readOnly(name);
            }
            target.set(name, convert(field, entry.getValue()));
        }
    }

    /** BC's answer to a body setting a control the page declares {@code Editable = false}. */
    static BcApiError readOnly(final String field) {
        return BcApiError.badRequest("Control '" + field + "' is read-only.");
    }

    /** The value converted to the field's type, or BC's error for it. */
    static JsonNode convert(final BcField field, final JsonNode value) {
        if (value == null || value.isNull()) {
            throw BcApiError.badRequest("Cannot convert a null value to the expected type 'Edm." + edm(field.type())
                    + "' of property '" + field.name() + "'.");
        }
        try {
            return switch (field.type()) {
                case STRING, ENUM -> NODES.textNode(checkedLength(field, text(field, value)));
                case CODE -> NODES.textNode(checkedLength(field, text(field, value).trim().toUpperCase(Locale.ROOT)));
                case GUID -> {
                    final String guid = text(field, value);
                    if (!FilterLexer.isGuid(guid)) {
                        throw incompatible(field, value);
                    }
                    yield NODES.textNode(guid.toLowerCase(Locale.ROOT));
                }
                case DECIMAL -> {
                    if (!value.isNumber()) {
                        throw incompatible(field, value);
                    }
                    yield NODES.numberNode(value.decimalValue());
                }
                case INTEGER -> {
                    if (!value.isIntegralNumber()) {
                        throw incompatible(field, value);
                    }
                    yield NODES.numberNode(value.intValue());
                }
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw incompatible(field, value);
                    }
                    yield value;
                }
                case DATE -> NODES.textNode(LocalDate.parse(text(field, value)).toString());
                case DATETIME -> NODES.textNode(OffsetDateTime.parse(text(field, value)).toInstant().toString());
            };
        } catch (final DateTimeParseException e) {
            throw incompatible(field, value);
        }
    }

    static String timestamp(final Instant instant) {
        return instant.toString();
    }

    private static String text(final BcField field, final JsonNode value) {
        if (!value.isTextual()) {
            throw incompatible(field, value);
        }
        return value.textValue();
    }

    private static String checkedLength(final BcField field, final String text) {
        if (field.maxLength() > 0 && text.length() > field.maxLength()) {
            throw new BcApiError(400, "Application_StringExceededLength", "The length of the string is " + text.length()
                    + ", but it must be less than or equal to " + field.maxLength() + " characters. Value: " + text);
        }
        return text;
    }

    private static BcApiError incompatible(final BcField field, final JsonNode value) {
        return BcApiError.badRequest("Cannot convert the literal '" + value.asText() + "' to the expected type 'Edm."
                + edm(field.type()) + "'.");
    }

    private static String edm(final BcFieldType type) {
        return switch (type) {
            case STRING, CODE, ENUM -> "String";
            case GUID -> "Guid";
            case DECIMAL -> "Decimal";
            case INTEGER -> "Int32";
            case BOOLEAN -> "Boolean";
            case DATE -> "Date";
            case DATETIME -> "DateTimeOffset";
        };
    }
}
