package io.nifiecommerce.shopify.fulfillment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to fulfill for one shipment: one {@link Group} per location, because Shopify accepts in one
 * {@code fulfillmentCreate} only fulfillment orders of one order assigned to one location. Or, when
 * the shipment cannot be fulfilled, the reason ({@link #rejection()}).
 */
public record FulfillmentPlan(List<Group> groups, FulfillmentOutcome rejection) {

    /** The fulfillment orders of one location and, per fulfillment order, the line quantities (empty: all that remains). */
    public record Group(String locationId, String locationName, List<Part> parts) {

        public Group {
            parts = List.copyOf(parts);
        }
    }

    /** One fulfillment order of a group; {@code quantities} maps fulfillment order line ids to quantities, empty for all. */
    public record Part(String fulfillmentOrderId, Map<String, Integer> quantities) {

        public Part {
            quantities = quantities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
        }

        public boolean whole() {
            return quantities.isEmpty();
        }
    }

    public FulfillmentPlan {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    static FulfillmentPlan of(final List<Group> groups) {
        return new FulfillmentPlan(groups, null);
    }

    static FulfillmentPlan rejected(final FulfillmentOutcome.Status status, final String message) {
        return new FulfillmentPlan(List.of(), FulfillmentOutcome.failure(status, message));
    }

    public Optional<FulfillmentOutcome> rejectionOutcome() {
        return Optional.ofNullable(rejection);
    }

    public boolean accepted() {
        return rejection == null;
    }
}
