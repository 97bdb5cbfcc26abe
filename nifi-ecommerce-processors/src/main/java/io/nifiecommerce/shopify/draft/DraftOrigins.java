package io.nifiecommerce.shopify.draft;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the draft an order was completed from, the reverse of {@link DraftOrderNames}. An approved B2B draft reaches BC
 * under its own name; when the order it became is cancelled, BC must be asked for that name, not the order's. Shopify's
 * Order names no draft and draftOrders cannot be searched by order, so this reads the completed drafts of the order's
 * customer updated since shortly before the order was created (completing a draft updates it as it creates the order),
 * and keeps the one whose order is this order. One query of up to 250 drafts per order: only cancelled draft-origin
 * orders ask.
 */
public final class DraftOrigins {

    static final int MAX_NODES = 250;
    /** Clock skew between the order's creation and the draft's last update, which are the same moment in Shopify. */
    private static final Duration SKEW = Duration.ofHours(1);
    private static final String GID_PREFIX = "gid://shopify/Customer/";

    private final ShopifyGraphQlClient client;

    public DraftOrigins(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /** The name of the draft this order was completed from; empty when the order names no customer or no draft is found. */
    public Optional<String> draftNameOf(final Order order) {
        final String query = query(order);
        if (query == null) {
            return Optional.empty();
        }
        final GraphQlResponse response = client.execute(ShopifyDocument.DRAFTS_BY_NAME.text(), Map.of("query", query, "first", MAX_NODES));
        for (final JsonNode draft : response.data().path("draftOrders").path("nodes")) {
            if (order.sourceId().equals(draft.path("order").path("id").asText(null))) {
                return Optional.of(draft.path("name").asText());
            }
        }
        return Optional.empty();
    }

    /** {@code customer_id:42 status:completed updated_at:>='2026-04-01T09:00:00Z'}, or null when the order cannot be searched. */
    static String query(final Order order) {
        if (order.sourceId() == null || order.customer() == null || order.customer().id() == null
                || !order.customer().id().startsWith(GID_PREFIX) || order.createdAt() == null) {
            return null;
        }
        final String customerId = order.customer().id().substring(GID_PREFIX.length());
        if (customerId.isEmpty() || !customerId.chars().allMatch(Character::isDigit)) {
            return null;
        }
        final Instant created;
        try {
            created = OffsetDateTime.parse(order.createdAt()).toInstant();
        } catch (final DateTimeParseException e) {
            return null;
        }
        return "customer_id:" + customerId + " status:completed updated_at:>='" + created.minus(SKEW).truncatedTo(ChronoUnit.SECONDS) + "'";
    }
}
