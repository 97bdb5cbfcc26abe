package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A key-based {@code $skiptoken}, like BC's: it names the last row of the page (its insertion
 * sequence and its {@code $orderby} values), not an offset, so rows inserted or deleted between two
 * pages do not shift the next page. The next page starts after that row, or, when it is gone, at the
 * first row whose sort key is greater.
 */
final class SkipToken {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SkipToken() {
    }

    static String of(final BcRow last, final List<BcField> orderFields) {
        final ObjectNode token = JsonNodeFactory.instance.objectNode();
        token.put("s", last.sequence());
        final ArrayNode keys = token.putArray("k");
        for (final BcField field : orderFields) {
            keys.add(last.data().path(field.name()));
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(token));
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The index in {@code rows} (sorted by {@code orderFields} with descending flags) where the next page starts. */
    static int resume(final String token, final List<BcRow> rows, final List<BcField> orderFields, final List<Boolean> descending) {
        final JsonNode decoded;
        try {
            decoded = MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        } catch (final IOException | IllegalArgumentException e) {
            throw BcApiError.badRequest("The skip token '" + token + "' is not valid.");
        }
        if (decoded == null || !decoded.has("s") || decoded.path("k").size() != orderFields.size()) {
            throw BcApiError.badRequest("The skip token '" + token + "' is not valid for this query.");
        }
        final long sequence = decoded.path("s").asLong();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sequence() == sequence) {
                return i + 1;
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            if (compare(rows.get(i), decoded, orderFields, descending) > 0) {
                return i;
            }
        }
        return rows.size();
    }

    private static int compare(final BcRow row, final JsonNode token, final List<BcField> orderFields, final List<Boolean> descending) {
        for (int f = 0; f < orderFields.size(); f++) {
            final BcField field = orderFields.get(f);
            int result = ODataFilter.compare(ODataFilter.fieldValue(field, row.data().get(field.name())),
                    ODataFilter.fieldValue(field, token.path("k").get(f)));
            if (descending.get(f)) {
                result = -result;
            }
            if (result != 0) {
                return result;
            }
        }
        return Long.compare(row.sequence(), token.path("s").asLong());
    }
}
