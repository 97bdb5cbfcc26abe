package io.nifiecommerce.sandbox.shopify;

import java.util.OptionalLong;

/** Shopify global ids: {@code gid://shopify/<Type>/<number>} (an InventoryLevel id carries a query string). */
public final class Gid {

    private Gid() {
    }

    public static String of(final String type, final long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The number of a gid of the given type, empty when the id is of another type or malformed. */
    public static OptionalLong parse(final String gid, final String type) {
        if (gid == null) {
            return OptionalLong.empty();
        }
        final String prefix = "gid://shopify/" + type + "/";
        if (!gid.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        String tail = gid.substring(prefix.length());
        final int query = tail.indexOf('?');
        if (query >= 0) {
            tail = tail.substring(0, query);
        }
        try {
            return OptionalLong.of(Long.parseLong(tail));
        } catch (final NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The type part of a gid, or null. */
    public static String type(final String gid) {
        if (gid == null || !gid.startsWith("gid://shopify/")) {
            return null;
        }
        final String rest = gid.substring("gid://shopify/".length());
        final int slash = rest.indexOf('/');
        return slash < 0 ? null : rest.substring(0, slash);
    }
}
