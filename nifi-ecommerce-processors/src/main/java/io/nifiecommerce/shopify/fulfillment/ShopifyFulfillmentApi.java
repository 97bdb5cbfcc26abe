package io.nifiecommerce.shopify.fulfillment;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;
import io.nifiecommerce.shopify.draft.DraftOrderNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The calls a shipment needs: read an order's fulfillment state, create a fulfillment for one
 * location group, update a fulfillment's tracking. Transport failures surface as the client's
 * {@code ApiException}; refusals of a mutation come back as {@link MutationResult#userErrors()}.
 */
public class ShopifyFulfillmentApi {

    /** The fulfillment a mutation returned, or Shopify's reasons for refusing it. */
    public record MutationResult(Fulfillment fulfillment, List<FulfillmentOutcome.UserError> userErrors) {

        public MutationResult {
            userErrors = userErrors == null ? List.of() : List.copyOf(userErrors);
        }

        public boolean refused() {
            return !userErrors.isEmpty() || fulfillment == null;
        }
    }

    /**
     * An order looked up by reference; when there is none, whether the reference is a draft not completed yet (the order
     * a reviewed B2B draft becomes is still to come) rather than a name the shop does not know.
     */
    public record OrderLookup(Optional<FulfillableOrder> order, boolean draftPending) {
    }

    private final ShopifyGraphQlClient client;
    private final DraftOrderNames drafts;

    public ShopifyFulfillmentApi(final ShopifyGraphQlClient client) {
        this.client = client;
        this.drafts = new DraftOrderNames(client);
    }

    /** The order by id or by name; a name no order has but a completed draft has is the order that draft became. */
    public Optional<FulfillableOrder> findOrder(final OrderReference reference) {
        return lookUp(reference).order();
    }

    /** As {@link #findOrder}, telling a draft not completed yet from an unknown name. */
    public OrderLookup lookUp(final OrderReference reference) {
        if (reference.kind() == OrderReference.Kind.ID) {
            return new OrderLookup(orderById(reference.gid()), false);
        }
        final GraphQlResponse response = client.execute(FulfillmentDocuments.ORDER_BY_NAME, Map.of("query", reference.nameQuery()));
        for (final JsonNode node : response.at("orders.nodes")) {
            final FulfillableOrder order = parseOrder(node);
            // the search is a search: take only an order whose name is the reference
            if (order != null && reference.matchesName(order.name())) {
                return new OrderLookup(Optional.of(order), false);
            }
        }
        final DraftOrderNames.Drafts found = drafts.find(List.of(reference.value()));
        final DraftOrderNames.PlacedOrder placed = found.placed().get(reference.value());
        return placed == null ? new OrderLookup(Optional.empty(), found.pending().contains(reference.value()))
                : new OrderLookup(orderById(placed.id()), false);
    }

    private Optional<FulfillableOrder> orderById(final String gid) {
        final GraphQlResponse response = client.execute(FulfillmentDocuments.ORDER_BY_ID, Map.of("id", gid));
        return Optional.ofNullable(parseOrder(response.at("order")));
    }

    public MutationResult create(final FulfillmentPlan.Group group, final Shipment shipment, final boolean notifyCustomer) {
        final List<Map<String, Object>> byFulfillmentOrder = new ArrayList<>();
        for (final FulfillmentPlan.Part part : group.parts()) {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fulfillmentOrderId", part.fulfillmentOrderId());
            if (!part.whole()) {
                final List<Map<String, Object>> lines = new ArrayList<>();
                part.quantities().forEach((id, quantity) -> lines.add(Map.of("id", id, "quantity", quantity)));
                entry.put("fulfillmentOrderLineItems", lines);
            }
            byFulfillmentOrder.add(entry);
        }
        final Map<String, Object> fulfillment = new LinkedHashMap<>();
        fulfillment.put("lineItemsByFulfillmentOrder", byFulfillmentOrder);
        fulfillment.put("trackingInfo", trackingInput(shipment.tracking(), shipment.carrier()));
        fulfillment.put("notifyCustomer", notifyCustomer);
        // not idempotent: a 5xx or timeout is not resent here, the caller checks the order first
        final GraphQlResponse response = client.executeMutation(FulfillmentDocuments.FULFILLMENT_CREATE, Map.of("fulfillment", fulfillment));
        return parseMutation(response.at("fulfillmentCreate"));
    }

    public MutationResult updateTracking(final String fulfillmentId, final List<TrackingInfo> tracking, final String company,
                                         final boolean notifyCustomer) {
        final Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("fulfillmentId", fulfillmentId);
        variables.put("trackingInfoInput", trackingInput(tracking, company));
        variables.put("notifyCustomer", notifyCustomer);
        final GraphQlResponse response = client.execute(FulfillmentDocuments.TRACKING_INFO_UPDATE, variables);
        return parseMutation(response.at("fulfillmentTrackingInfoUpdate"));
    }

    /**
     * {@code FulfillmentTrackingInput} with {@code numbers} and {@code urls} (the singular fields
     * hold only one). URLs are sent only when every number has one: the list cannot hold gaps, and
     * without URLs Shopify builds them from a company it knows.
     */
    static Map<String, Object> trackingInput(final List<TrackingInfo> tracking, final String company) {
        final Map<String, Object> input = new LinkedHashMap<>();
        if (company != null) {
            input.put("company", company);
        }
        input.put("numbers", tracking.stream().map(TrackingInfo::number).toList());
        if (!tracking.isEmpty() && tracking.stream().allMatch(t -> t.url() != null)) {
            input.put("urls", tracking.stream().map(TrackingInfo::url).toList());
        }
        return input;
    }

    /** An {@code Order} node read with the OrderFulfillmentState fragment; null for a missing or null node. */
    static FulfillableOrder parseOrder(final JsonNode order) {
        if (order == null || order.isNull() || order.isMissingNode()) {
            return null;
        }
        final List<FulfillmentOrder> fulfillmentOrders = new ArrayList<>();
        for (final JsonNode fo : order.path("fulfillmentOrders").path("nodes")) {
            final List<FulfillmentOrder.Line> lines = new ArrayList<>();
            for (final JsonNode line : fo.path("lineItems").path("nodes")) {
                lines.add(new FulfillmentOrder.Line(line.path("id").asText(), line.path("remainingQuantity").asInt(0),
                        text(line.path("lineItem").path("id")), text(line.path("lineItem").path("sku"))));
            }
            final JsonNode assigned = fo.path("assignedLocation");
            final JsonNode location = assigned.path("location");
            final String locationName = text(location.path("name")) != null ? text(location.path("name")) : text(assigned.path("name"));
            fulfillmentOrders.add(new FulfillmentOrder(fo.path("id").asText(), text(fo.path("status")), text(location.path("id")),
                    locationName, lines));
        }
        final List<Fulfillment> fulfillments = new ArrayList<>();
        for (final JsonNode fulfillment : order.path("fulfillments")) {
            fulfillments.add(parseFulfillment(fulfillment));
        }
        boolean complete = !order.path("fulfillmentOrders").path("pageInfo").path("hasNextPage").asBoolean(false);
        for (final JsonNode fo : order.path("fulfillmentOrders").path("nodes")) {
            complete &= !fo.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false);
        }
        return new FulfillableOrder(order.path("id").asText(), text(order.path("name")), fulfillmentOrders, fulfillments, complete);
    }

    /** A {@code fulfillmentCreate} or {@code fulfillmentTrackingInfoUpdate} payload. */
    static MutationResult parseMutation(final JsonNode payload) {
        final List<FulfillmentOutcome.UserError> userErrors = userErrors(payload);
        final JsonNode fulfillment = payload.path("fulfillment");
        return new MutationResult(fulfillment.isObject() ? parseFulfillment(fulfillment) : null, userErrors);
    }

    /** The userErrors of a mutation payload. */
    static List<FulfillmentOutcome.UserError> userErrors(final JsonNode payload) {
        final List<FulfillmentOutcome.UserError> userErrors = new ArrayList<>();
        for (final JsonNode error : payload.path("userErrors")) {
            final List<String> field = new ArrayList<>();
            error.path("field").forEach(f -> field.add(f.asText()));
            userErrors.add(new FulfillmentOutcome.UserError(field, error.path("message").asText()));
        }
        return userErrors;
    }

    private static Fulfillment parseFulfillment(final JsonNode node) {
        final List<TrackingInfo> tracking = new ArrayList<>();
        for (final JsonNode info : node.path("trackingInfo")) {
            tracking.add(new TrackingInfo(text(info.path("number")), text(info.path("company")), text(info.path("url"))));
        }
        return new Fulfillment(node.path("id").asText(), text(node.path("status")), tracking);
    }

    private static String text(final JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
