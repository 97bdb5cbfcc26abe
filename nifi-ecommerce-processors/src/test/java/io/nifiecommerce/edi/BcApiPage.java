package io.nifiecommerce.edi;

import io.nifiecommerce.tracking.SharedReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft's AL definition of a BC API v2.0 page (reference/bc-api-v2.0-pages/): its entity set and, per
 * {@code field(apiName; source)}, whether it is editable (no {@code Editable = false} in its block).
 */
final class BcApiPage {

    private static final Pattern ENTITY_SET = Pattern.compile("EntitySetName\\s*=\\s*'([^']+)'");
    private static final Pattern FIELD = Pattern.compile("\\bfield\\((\\w+);");

    private final String entitySet;
    private final Map<String, Boolean> editable;

    private BcApiPage(final String entitySet, final Map<String, Boolean> editable) {
        this.entitySet = entitySet;
        this.editable = editable;
    }

    static BcApiPage load(final String fileName) {
        return load(SharedReference.dir().resolve("bc-api-v2.0-pages").resolve(fileName));
    }

    /** A page of our own, e.g. bc-extension/src/ShippableSalesOrders.Page.al. */
    static BcApiPage load(final Path file) {
        final String fileName = file.getFileName().toString();
        final String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final Matcher set = ENTITY_SET.matcher(text);
        if (!set.find()) {
            throw new IllegalStateException(fileName + " has no EntitySetName");
        }
        final Map<String, Boolean> fields = new HashMap<>();
        final Matcher field = FIELD.matcher(text);
        while (field.find()) {
            final int open = text.indexOf('{', field.end());
            int depth = 0;
            int close = open;
            for (int i = open; i < text.length(); i++) {
                if (text.charAt(i) == '{') {
                    depth++;
                } else if (text.charAt(i) == '}' && --depth == 0) {
                    close = i;
                    break;
                }
            }
            final String block = text.substring(open, close);
            fields.put(field.group(1), !block.replace(" ", "").contains("Editable=false;"));
        }
        return new BcApiPage(set.group(1), fields);
    }

    String entitySet() {
        return entitySet;
    }

    boolean has(final String field) {
        return editable.containsKey(field);
    }

    boolean isEditable(final String field) {
        return Boolean.TRUE.equals(editable.get(field));
    }
}
