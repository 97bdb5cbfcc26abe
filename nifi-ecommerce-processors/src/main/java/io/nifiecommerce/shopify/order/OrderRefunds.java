package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.order.RefundLine;
import io.nifiecommerce.order.RefundShipping;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the refunds of orders, 50 orders to a request ({@code nodes(ids:)}), as canonical refunds: refunded
 * lines with their restock type and location, refunded shipping, the money returned. Only orders whose
 * financial status says they were refunded are asked about.
 */
public final class OrderRefunds {

    static final int ORDERS_PER_REQUEST = 50;
    public static final String REFUND_TOO_LARGE = "REFUND_TOO_LARGE";
    private static final Set<String> REFUNDED = Set.of("REFUNDED", "PARTIALLY_REFUNDED");

    private final ShopifyGraphQlClient client;

    public OrderRefunds(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /** Whether the order has money given back, by its financial status. */
    public static boolean hasRefunds(final Order order) {
        return order.financialStatus() != null && REFUNDED.contains(order.financialStatus().toUpperCase(java.util.Locale.ROOT));
    }

    /** Every refund of the refunded ones among {@code orders}, order by order, oldest refund first. */
    public List<Refund> of(final List<Order> orders) {
        final Set<String> ids = new LinkedHashSet<>();
        orders.stream().filter(OrderRefunds::hasRefunds).map(Order::sourceId).filter(id -> id != null && id.startsWith("gid://shopify/Order/"))
                .forEach(ids::add);
        final List<String> all = List.copyOf(ids);
        final List<Refund> refunds = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ORDERS_PER_REQUEST) {
            final List<String> chunk = all.subList(from, Math.min(all.size(), from + ORDERS_PER_REQUEST));
            final GraphQlResponse response = client.execute(ShopifyDocument.ORDER_REFUNDS.text(), Map.of("ids", chunk));
            for (final JsonNode order : response.data().path("nodes")) {
                if (order.isObject()) {
                    refunds.addAll(map(order));
                }
            }
        }
        return refunds;
    }

    static List<Refund> map(final JsonNode order) {
        final List<Refund> refunds = new ArrayList<>();
        final String orderId = ShopifyOrderMapper.text(order, "id");
        final boolean cancelled = ShopifyOrderMapper.text(order, "cancelledAt") != null;
        for (final JsonNode refund : order.path("refunds")) {
            if (refund.path("refundLineItems").path("pageInfo").path("hasNextPage").asBoolean(false)) {
                throw new ApiException(ErrorClass.PERMANENT, 0, REFUND_TOO_LARGE, "Refund " + ShopifyOrderMapper.text(refund, "id") + " of order "
                        + ShopifyOrderMapper.text(order, "name") + " has more than 100 lines: credit it by hand");
            }
            final List<RefundLine> lines = new ArrayList<>();
            for (final JsonNode line : ShopifyOrderMapper.nodes(refund.path("refundLineItems"))) {
                final JsonNode item = line.path("lineItem");
                lines.add(new RefundLine(ShopifyOrderMapper.text(item, "id"), ShopifyOrderMapper.text(item, "sku"),
                        ShopifyOrderMapper.text(item.path("variant"), "barcode"), ShopifyOrderMapper.text(item, "name"),
                        line.path("quantity").asLong(), orZero(ShopifyOrderMapper.money(line.path("subtotalSet"))),
                        orZero(ShopifyOrderMapper.money(line.path("totalTaxSet"))), ShopifyOrderMapper.text(line, "restockType"),
                        ShopifyOrderMapper.text(line.path("location"), "id")));
            }
            final List<RefundShipping> shipping = new ArrayList<>();
            for (final JsonNode line : ShopifyOrderMapper.nodes(refund.path("refundShippingLines"))) {
                shipping.add(new RefundShipping(orZero(ShopifyOrderMapper.money(line.path("subtotalAmountSet"))),
                        orZero(ShopifyOrderMapper.money(line.path("taxAmountSet")))));
            }
            refunds.add(new Refund("shopify", ShopifyOrderMapper.text(refund, "id"), orderId, ShopifyOrderMapper.text(order, "name"), cancelled,
                    ShopifyOrderMapper.text(refund, "createdAt"), ShopifyOrderMapper.text(order, "currencyCode"),
                    order.path("taxesIncluded").asBoolean(false), ShopifyOrderMapper.text(refund, "note"), lines, shipping,
                    ShopifyOrderMapper.money(refund.path("totalRefundedSet"))));
        }
        return refunds;
    }

    private static BigDecimal orZero(final BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
