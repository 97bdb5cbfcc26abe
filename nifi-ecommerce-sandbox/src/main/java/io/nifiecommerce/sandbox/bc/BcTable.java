package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of one entity set in one company, in insertion order. Not thread-safe on its own: every
 * access happens under the {@link BcStore} lock, and every change is journaled so that a failed
 * deep insert or an {@code Isolation: snapshot} batch rolls back.
 */
final class BcTable {

    private final BcEntityType type;
    private final BcStore store;
    private final Map<String, BcRow> byId = new HashMap<>();
    private final TreeMap<Long, BcRow> bySequence = new TreeMap<>();
    // Secondary indexes on the two keys the business rules look up: document number and parent document.
    private final Map<String, BcRow> byNumber = new HashMap<>();
    private final Map<String, Map<Long, BcRow>> byDocument = new HashMap<>();

    BcTable(final BcEntityType type, final BcStore store) {
        this.type = type;
        this.store = store;
    }

    BcEntityType type() {
        return type;
    }

    BcRow get(final String id) {
        return byId.get(id);
    }

    /** The row whose {@code number} is the given one, if any. */
    BcRow byNumber(final String number) {
        return byNumber.get(number);
    }

    /** The first row whose field has the value (by index for {@code number}), or null. */
    BcRow byField(final String field, final String value) {
        if (field.equals("number")) {
            return byNumber.get(value);
        }
        for (final BcRow row : bySequence.values()) {
            if (row.data().path(field).asText().equals(value)) {
                return row;
            }
        }
        return null;
    }

    /** The document a line belongs to: {@code documentId}, {@code journalId} for journal lines, {@code parentId} for dimension set lines. */
    static String parentId(final BcRow row) {
        for (final String field : PARENT_FIELDS) {
            final String id = row.data().path(field).asText("");
            if (!id.isEmpty() && !id.equals(EntityBody.BLANK_GUID)) {
                return id;
            }
        }
        return "";
    }

    private static final java.util.List<String> PARENT_FIELDS = java.util.List.of("documentId", "journalId", "parentId");

    /** The rows whose {@code documentId} (or journalId) is the given one, in insertion order. */
    List<BcRow> byDocument(final String documentId) {
        final Map<Long, BcRow> rows = byDocument.get(documentId);
        return rows == null ? new ArrayList<>() : new ArrayList<>(rows.values());
    }

    List<BcRow> rows() {
        return new ArrayList<>(bySequence.values());
    }

    int size() {
        return byId.size();
    }

    BcRow insert(final String id, final ObjectNode data) {
        final BcRow row = new BcRow(id, store.nextSequence(), 1, data);
        put(row);
        store.journal(() -> remove(row));
        return row;
    }

    BcRow replace(final BcRow current, final ObjectNode data) {
        final BcRow updated = current.withData(data);
        put(updated);
        store.journal(() -> put(current));
        return updated;
    }

    /**
     * Stores a new value of a computed field (a FlowField such as an item's inventory): the record
     * itself is not modified, so its version (ETag) stays.
     */
    BcRow recomputed(final BcRow current, final ObjectNode data) {
        final BcRow updated = new BcRow(current.id(), current.sequence(), current.version(), data);
        put(updated);
        store.journal(() -> put(current));
        return updated;
    }

    void delete(final BcRow row) {
        remove(row);
        store.journal(() -> put(row));
    }

    void clear() {
        byId.clear();
        bySequence.clear();
        byNumber.clear();
        byDocument.clear();
    }

    private void put(final BcRow row) {
        final BcRow previous = byId.put(row.id(), row);
        if (previous != null) {
            unindex(previous);
        }
        bySequence.put(row.sequence(), row);
        final String number = row.data().path("number").asText("");
        if (!number.isEmpty()) {
            byNumber.put(number, row);
        }
        final String documentId = parentId(row);
        if (!documentId.isEmpty()) {
            byDocument.computeIfAbsent(documentId, d -> new TreeMap<>()).put(row.sequence(), row);
        }
    }

    private void remove(final BcRow row) {
        byId.remove(row.id());
        bySequence.remove(row.sequence());
        unindex(row);
    }

    private void unindex(final BcRow row) {
        final String number = row.data().path("number").asText("");
        if (!number.isEmpty() && byNumber.get(number) != null && byNumber.get(number).id().equals(row.id())) {
            byNumber.remove(number);
        }
        final String documentId = parentId(row);
        final Map<Long, BcRow> siblings = byDocument.get(documentId);
        if (siblings != null) {
            siblings.remove(row.sequence());
            if (siblings.isEmpty()) {
                byDocument.remove(documentId);
            }
        }
    }
}
