package io.nifiecommerce.shopify.fulfillment;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a shipment names its Shopify order: by the order's name as the shop shows it ({@code #1001},
 * often stored in BC as the external document number) or by its id ({@code gid://shopify/Order/..}
 * or the bare number).
 */
public record OrderReference(Kind kind, String value) {

    public enum Kind {
        NAME, ID
    }

    private static final String ORDER_GID = "gid://shopify/Order/";
    private static final Pattern SIMPLE_NAME = Pattern.compile("[#A-Za-z0-9_.\\-/]+");

    public OrderReference {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("order reference is empty");
        }
        value = value.strip();
    }

    public static OrderReference name(final String name) {
        return new OrderReference(Kind.NAME, name);
    }

    public static OrderReference id(final String id) {
        return new OrderReference(Kind.ID, id);
    }

    /** The order's global id; only for {@link Kind#ID}. Rejects anything that is neither a gid nor a number. */
    public String gid() {
        if (value.startsWith(ORDER_GID)) {
            return value;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return ORDER_GID + value;
        }
        throw new IllegalArgumentException("'" + value + "' is neither an order id nor a gid://shopify/Order/ gid");
    }

    /**
     * The search query that finds the order by name: {@code name:#1001}, quoted only when the name
     * holds characters the search syntax would split on (spaces, colons, quotes, parentheses).
     */
    public String nameQuery() {
        if (SIMPLE_NAME.matcher(value).matches()) {
            return "name:" + value;
        }
        return "name:\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The reference without a leading '#', lower-cased: two spellings of one order name meet here. */
    public String key() {
        final String bare = value.startsWith("#") ? value.substring(1) : value;
        return kind + ":" + bare.toLowerCase(Locale.ROOT);
    }

    /** Whether an order name returned by Shopify is this reference: exact, or equal once a missing '#' is added. */
    public boolean matchesName(final String orderName) {
        if (orderName == null) {
            return false;
        }
        final String wanted = value.toLowerCase(Locale.ROOT);
        final String actual = orderName.toLowerCase(Locale.ROOT);
        return actual.equals(wanted) || actual.equals("#" + wanted);
    }

    @Override
    public String toString() {
        return value;
    }
}
