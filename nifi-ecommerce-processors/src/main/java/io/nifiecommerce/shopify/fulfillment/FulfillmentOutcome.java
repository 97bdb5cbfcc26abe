package io.nifiecommerce.shopify.fulfillment;

import java.util.List;

/**
 * What happened to one shipment: created, tracking updated, already there, or why not. The
 * {@link Status#route()} tells a caller where the shipment belongs: done, failed for good, or worth
 * trying again later.
 *
 * @param fulfillmentIds the fulfillments created or found for the shipment (several when it spanned locations)
 * @param userErrors Shopify's userErrors when Shopify refused a mutation
 */
public record FulfillmentOutcome(Status status, String orderId, String orderName, List<String> fulfillmentIds,
                                 String message, List<UserError> userErrors) {

    public enum Route {
        SUCCESS, FAILURE, RETRY
    }

    public enum Status {
        /** One fulfillment per location group was created with the shipment's tracking. */
        CREATED(Route.SUCCESS),
        /** The tracking numbers were already on a fulfillment; its tracking was changed to match the shipment. */
        TRACKING_UPDATED(Route.SUCCESS),
        /** The shipment was already fulfilled with identical tracking: nothing was sent. */
        ALREADY_PRESENT(Route.SUCCESS),
        /** The shipment's carrier status does not (yet) call for a fulfillment; nothing was sent. */
        SKIPPED(Route.SUCCESS),
        /** No order with this name or id is visible to the app. */
        ORDER_NOT_FOUND(Route.FAILURE),
        /** The name is a draft's (a reviewed B2B order BC holds as #D12) not completed yet: its order is to come, retried. */
        DRAFT_NOT_COMPLETED(Route.RETRY),
        /** Everything the shipment names is already fulfilled (or on hold, or cancelled). */
        NOTHING_TO_FULFILL(Route.FAILURE),
        /** What remains to fulfill is assigned to another location than the shipment's. */
        LOCATION_MISMATCH(Route.FAILURE),
        /** The shipment's lines name unknown items or more than remains to fulfill. */
        INVALID_LINES(Route.FAILURE),
        /** The record cannot be read as a shipment (no order reference, no tracking number...). */
        INVALID_SHIPMENT(Route.FAILURE),
        /** The only fulfillment carrying this tracking number was cancelled: it is not created again. */
        FULFILLMENT_CANCELLED(Route.FAILURE),
        /** Shopify refused the mutation with userErrors. */
        USER_ERROR(Route.FAILURE),
        /** Shopify refused the request itself (GraphQL error, HTTP 4xx). */
        API_ERROR(Route.FAILURE),
        /** Shopify refused the credentials or lacks a scope: the shipment is fine, retry once fixed. */
        AUTHENTICATION(Route.RETRY),
        /** Throttled, 5xx, timeout, or not attempted because an earlier shipment met one of those. */
        TRANSIENT(Route.RETRY);

        private final Route route;

        Status(final Route route) {
            this.route = route;
        }

        public Route route() {
            return route;
        }

        /** Shopify is throttling, down or refusing the credentials: the shipments after this one wait too. */
        public boolean shopUnavailable() {
            return this == TRANSIENT || this == AUTHENTICATION;
        }
    }

    /** One of Shopify's userErrors: the input path it is about (may be empty) and its message. */
    public record UserError(List<String> field, String message) {

        public UserError {
            field = field == null ? List.of() : List.copyOf(field);
        }

        @Override
        public String toString() {
            return field.isEmpty() ? message : String.join(".", field) + ": " + message;
        }
    }

    public FulfillmentOutcome {
        fulfillmentIds = fulfillmentIds == null ? List.of() : List.copyOf(fulfillmentIds);
        userErrors = userErrors == null ? List.of() : List.copyOf(userErrors);
    }

    public static FulfillmentOutcome of(final Status status, final FulfillableOrder order, final List<String> fulfillmentIds,
                                        final String message) {
        return new FulfillmentOutcome(status, order == null ? null : order.id(), order == null ? null : order.name(),
                fulfillmentIds, message, List.of());
    }

    public static FulfillmentOutcome failure(final Status status, final String message) {
        return new FulfillmentOutcome(status, null, null, List.of(), message, List.of());
    }

    public Route route() {
        return status.route();
    }

    /** The same outcome for an order known only after the failure was decided. */
    FulfillmentOutcome forOrder(final FulfillableOrder order) {
        return new FulfillmentOutcome(status, order.id(), order.name(), fulfillmentIds, message, userErrors);
    }
}
