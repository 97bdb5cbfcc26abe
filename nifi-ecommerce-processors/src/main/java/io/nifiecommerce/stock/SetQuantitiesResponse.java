package io.nifiecommerce.stock;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one {@code inventorySetQuantities} call.
 * <p>
 * The mutation is all or nothing: with any userError Shopify applies none of the batch
 * ({@code inventoryAdjustmentGroup} is null). userErrors whose {@code field} points into {@code quantities} name the
 * change at fault; the others (name, reason, idempotency) concern the whole batch.
 *
 * @param applied      true when Shopify applied the batch
 * @param changeErrors userErrors per index of the change in the batch
 * @param batchErrors  userErrors that concern the whole batch
 */
public record SetQuantitiesResponse(boolean applied, Map<Integer, UserError> changeErrors, List<UserError> batchErrors) {

    /** A userError as Shopify sends it. */
    public record UserError(String code, String message, List<String> field) {
    }

    /**
     * Reads a response body.
     *
     * @throws InventoryApiException for top-level GraphQL errors (throttling, bad request, missing directive...) and
     *                               for the idempotency conflicts that clear by themselves
     */
    public static SetQuantitiesResponse parse(JsonNode response) {
        InventoryApiException.throwOnErrors(response);
        final JsonNode payload = response == null ? null : response.path("data").get("inventorySetQuantities");
        if (payload == null || payload.isNull()) {
            throw new InventoryApiException(true, "EMPTY_RESPONSE", "Shopify answered inventorySetQuantities without a payload");
        }
        final Map<Integer, UserError> changeErrors = new HashMap<>();
        final List<UserError> batchErrors = new ArrayList<>();
        for (JsonNode error : payload.path("userErrors")) {
            final List<String> field = new ArrayList<>();
            error.path("field").forEach(f -> field.add(f.asText()));
            final UserError userError = new UserError(error.path("code").asText("UNKNOWN"), error.path("message").asText(""), field);
            if ("IDEMPOTENCY_CONCURRENT_REQUEST".equals(userError.code())) {
                throw new InventoryApiException(true, userError.code(), userError.message());
            }
            final Integer index = quantityIndex(field);
            if (index == null) {
                batchErrors.add(userError);
            } else {
                // several errors may name one change (item and location unknown): keep the first
                changeErrors.putIfAbsent(index, userError);
            }
        }
        final boolean applied = changeErrors.isEmpty() && batchErrors.isEmpty() && payload.hasNonNull("inventoryAdjustmentGroup");
        if (!applied && changeErrors.isEmpty() && batchErrors.isEmpty()) {
            // no group and no error: nothing needed changing; taken as success
            return new SetQuantitiesResponse(true, Map.of(), List.of());
        }
        return new SetQuantitiesResponse(applied, changeErrors, batchErrors);
    }

    /** The index in {@code ["input", "quantities", "3", "quantity"]}, or null. */
    private static Integer quantityIndex(List<String> field) {
        if (field.size() >= 3 && "input".equals(field.get(0)) && "quantities".equals(field.get(1))) {
            try {
                return Integer.valueOf(field.get(2));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
