package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Address;
import io.nifiecommerce.sandbox.seed.Order;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The REST-style JSON body of an {@code orders/create} webhook (snake_case, amounts as strings, tags comma-joined). */
final class OrderWebhookPayload {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.ofHours(1));

    private OrderWebhookPayload() {
    }

    static Map<String, Object> of(final Order order, final Shop shop) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", order.id());
        body.put("admin_graphql_api_id", Gid.of("Order", order.id()));
        body.put("name", order.name());
        body.put("order_number", Integer.parseInt(order.name().replace("#", "")));
        body.put("email", order.email());
        body.put("created_at", TIME.format(order.createdAt().truncatedTo(ChronoUnit.SECONDS)));
        body.put("updated_at", TIME.format(order.updatedAt().truncatedTo(ChronoUnit.SECONDS)));
        body.put("processed_at", TIME.format(order.processedAt().truncatedTo(ChronoUnit.SECONDS)));
        body.put("currency", order.currency());
        body.put("presentment_currency", order.currency());
        body.put("taxes_included", order.taxesIncluded());
        body.put("po_number", order.poNumber());
        body.put("tags", String.join(", ", order.tags()));
        body.put("financial_status", order.financialStatus().toLowerCase(Locale.ROOT));
        body.put("fulfillment_status", "UNFULFILLED".equals(order.fulfillmentStatus()) ? null : order.fulfillmentStatus().toLowerCase(Locale.ROOT));
        body.put("cancelled_at", order.cancelledAt() == null ? null : TIME.format(order.cancelledAt()));
        body.put("source_name", order.sourceName());
        body.put("subtotal_price", MoneyBag.decimal(order.subtotal()));
        body.put("total_discounts", MoneyBag.decimal(order.totalDiscounts()));
        body.put("total_tax", MoneyBag.decimal(order.totalTax()));
        body.put("total_price", MoneyBag.decimal(order.totalPrice()));
        shop.customer(order.customerId()).ifPresent(customer -> {
            final Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", customer.id());
            map.put("email", customer.email());
            map.put("first_name", customer.firstName());
            map.put("last_name", customer.lastName());
            map.put("phone", customer.phone());
            body.put("customer", map);
        });
        if (order.isB2b()) {
            body.put("company", Map.of("id", order.b2b().companyId(), "location_id", order.b2b().companyLocationId()));
        }
        body.put("billing_address", address(order.billingAddress()));
        body.put("shipping_address", address(order.shippingAddress()));
        body.put("line_items", order.lines().stream().map(line -> {
            final Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", line.id());
            map.put("admin_graphql_api_id", Gid.of("LineItem", line.id()));
            map.put("variant_id", line.variantId());
            map.put("sku", line.sku());
            map.put("title", line.title());
            map.put("variant_title", line.variantTitle());
            map.put("name", line.title() + " - " + line.variantTitle());
            map.put("quantity", line.quantity());
            map.put("current_quantity", shop.adjustments().currentQuantity(order, line));
            map.put("price", MoneyBag.decimal(line.unitPrice()));
            map.put("total_discount", MoneyBag.decimal(line.discount()));
            map.put("tax_lines", taxes(line.taxLines()));
            return map;
        }).toList());
        body.put("shipping_lines", order.shippingLines().stream().map(line -> {
            final Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", line.id());
            map.put("title", line.title());
            map.put("code", line.code());
            map.put("price", MoneyBag.decimal(line.price()));
            map.put("tax_lines", taxes(line.taxLines()));
            return map;
        }).toList());
        return body;
    }

    private static List<Map<String, Object>> taxes(final List<Order.TaxLine> taxes) {
        return taxes.stream().map(tax -> {
            final Map<String, Object> map = new LinkedHashMap<>();
            map.put("title", tax.title());
            map.put("rate", tax.rate().doubleValue());
            map.put("price", MoneyBag.decimal(tax.amount()));
            return map;
        }).toList();
    }

    private static Map<String, Object> address(final Address address) {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("first_name", address.firstName());
        map.put("last_name", address.lastName());
        map.put("company", address.company());
        map.put("address1", address.address1());
        map.put("address2", address.address2());
        map.put("zip", address.zip());
        map.put("city", address.city());
        map.put("province", address.province());
        map.put("country", address.country());
        map.put("country_code", address.countryCode());
        map.put("phone", address.phone());
        return map;
    }
}
