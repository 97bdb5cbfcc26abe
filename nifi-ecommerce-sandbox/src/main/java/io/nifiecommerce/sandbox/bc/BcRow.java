package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One stored record: its JSON fields (never mutated once stored: an update stores a new row), the
 * insertion sequence that gives the default order, and the version behind its {@code @odata.etag}.
 */
record BcRow(String id, long sequence, long version, ObjectNode data) {

    /** A weak ETag shaped like BC's ({@code W/"JzQ0O3...Jyc="}): base64 of {@code '<version>;<key hash>;'}. */
    String etag() {
        final String token = "'" + version + ";" + Integer.toUnsignedString(id.hashCode(), 36) + sequence + ";'";
        return "W/\"" + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    BcRow withData(final ObjectNode newData) {
        return new BcRow(id, sequence, version + 1, newData);
    }
}
