package io.nifiecommerce.stock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code inventorySetQuantities} call for a batch, in the shape the targeted API version expects.
 * <ul>
 * <li>2026-04 and later: {@code changeFromQuantity} on every quantity (an explicit null opts out of
 * compare-and-set; leaving it out is an INVALID_FIELD_ARGUMENTS error) and the {@code @idempotent} directive,
 * which is mandatory.</li>
 * <li>Before: {@code compareQuantity} on each quantity and {@code ignoreCompareQuantity} on the input (which 2026-04
 * rejects as INVALID_VARIABLE), and a document without the directive.</li>
 * </ul>
 * Variables keep explicit nulls: a JSON writer must not drop them.
 *
 * @param document  the GraphQL document
 * @param variables its variables
 */
public record SetQuantitiesRequest(String document, Map<String, Object> variables) {

    static final String FIRST_CHANGE_FROM_VERSION = "2026-04";

    /** True when the version takes changeFromQuantity and @idempotent ("unstable" counts as newest). */
    public static boolean usesChangeFromQuantity(String apiVersion) {
        return apiVersion == null || !apiVersion.matches("\\d{4}-\\d{2}") || apiVersion.compareTo(FIRST_CHANGE_FROM_VERSION) >= 0;
    }

    public static SetQuantitiesRequest of(InventoryBatch batch, String apiVersion, String idempotencyKey) {
        return usesChangeFromQuantity(apiVersion) ? current(batch, idempotencyKey) : legacy(batch);
    }

    private static SetQuantitiesRequest current(InventoryBatch batch, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("An idempotency key is mandatory from " + FIRST_CHANGE_FROM_VERSION);
        }
        final List<Map<String, Object>> quantities = new ArrayList<>(batch.changes().size());
        for (InventoryChange change : batch.changes()) {
            final Map<String, Object> quantity = new LinkedHashMap<>();
            quantity.put("inventoryItemId", change.inventoryItemId());
            quantity.put("locationId", change.locationId());
            quantity.put("quantity", change.quantity());
            quantity.put("changeFromQuantity", change.changeFromQuantity());
            quantities.add(quantity);
        }
        final Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("input", input(batch, quantities));
        variables.put("idempotencyKey", idempotencyKey);
        return new SetQuantitiesRequest(StockDocuments.SET_QUANTITIES, variables);
    }

    private static SetQuantitiesRequest legacy(InventoryBatch batch) {
        final boolean compare = batch.changes().getFirst().changeFromQuantity() != null;
        final List<Map<String, Object>> quantities = new ArrayList<>(batch.changes().size());
        for (InventoryChange change : batch.changes()) {
            if (compare != (change.changeFromQuantity() != null)) {
                throw new IllegalArgumentException("Before " + FIRST_CHANGE_FROM_VERSION
                        + " compare-and-set applies to a whole batch or to none of it");
            }
            final Map<String, Object> quantity = new LinkedHashMap<>();
            quantity.put("inventoryItemId", change.inventoryItemId());
            quantity.put("locationId", change.locationId());
            quantity.put("quantity", change.quantity());
            if (compare) {
                quantity.put("compareQuantity", change.changeFromQuantity());
            }
            quantities.add(quantity);
        }
        final Map<String, Object> input = input(batch, quantities);
        input.put("ignoreCompareQuantity", !compare);
        return new SetQuantitiesRequest(StockDocuments.SET_QUANTITIES_2026_01, Map.of("input", input));
    }

    private static Map<String, Object> input(InventoryBatch batch, List<Map<String, Object>> quantities) {
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", batch.name().apiName());
        input.put("reason", batch.reason());
        if (batch.referenceDocumentUri() != null) {
            input.put("referenceDocumentUri", batch.referenceDocumentUri());
        }
        input.put("quantities", quantities);
        return input;
    }
}
