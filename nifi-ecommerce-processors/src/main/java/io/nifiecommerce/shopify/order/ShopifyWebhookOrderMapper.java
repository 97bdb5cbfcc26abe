package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Amount;
import io.nifiecommerce.order.Company;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps the REST-style order JSON of Shopify's order webhooks ({@code orders/create},
 * {@code orders/updated}, {@code orders/paid}...) to the canonical {@link Order}, with the same
 * conventions as {@link ShopifyOrderMapper}: gids as ids, shop-currency amounts, statuses in
 * GraphQL's upper-case spelling. A webhook only names the company of a B2B order by id
 * ({@code company.id}, {@code company.location_id}): name and external id stay null.
 */
public final class ShopifyWebhookOrderMapper {

    private ShopifyWebhookOrderMapper() {
    }

    /** @throws IllegalArgumentException when the JSON is not an order (no id or name) */
    public static Order fromWebhook(final JsonNode order) {
        if (!order.isObject() || absent(order.path("id")) || absent(order.path("name"))) {
            throw new IllegalArgumentException("The webhook body is not an order: it has no id or name");
        }
        final JsonNode companyNode = order.path("company");
        final boolean b2b = companyNode.isObject() && !companyNode.path("id").isNull() && !companyNode.path("id").isMissingNode();
        final Company company = b2b ? new Company(gid("Company", companyNode.path("id")), null, null,
                gid("CompanyLocation", companyNode.path("location_id")), null, null, null) : null;
        final List<OrderLine> lines = new ArrayList<>();
        for (final JsonNode line : order.path("line_items")) {
            lines.add(new OrderLine(gidOf(line, "LineItem"), text(line, "sku"), null,
                    text(line, "name") != null ? text(line, "name") : text(line, "title"), line.path("quantity").asLong(),
                    orZero(amount(line, "price")), discounts(line), taxAmount(line.path("tax_lines")), taxRate(line.path("tax_lines")),
                    line.path("current_quantity").isIntegralNumber() ? line.path("current_quantity").asLong() : null));
        }
        final List<ShippingLine> shippingLines = new ArrayList<>();
        for (final JsonNode shipping : order.path("shipping_lines")) {
            shippingLines.add(new ShippingLine(text(shipping, "code"), text(shipping, "title"), orZero(amount(shipping, "price")),
                    discounts(shipping), taxAmount(shipping.path("tax_lines")), taxRate(shipping.path("tax_lines"))));
        }
        return new Order(ShopifyOrderMapper.SOURCE, gidOf(order, "Order"), text(order, "name"), b2b ? Segment.B2B : Segment.B2C,
                text(order, "source_name"), text(order, "created_at"), text(order, "updated_at"), text(order, "processed_at"),
                text(order, "cancelled_at"), text(order, "currency"), order.path("taxes_included").asBoolean(false),
                upper(text(order, "financial_status")), fulfillmentStatus(order.path("fulfillment_status")), text(order, "po_number"),
                tags(text(order, "tags")), text(order, "email"), text(order, "note"),
                customer(order.path("customer")), company,
                address(order.path("billing_address")), address(order.path("shipping_address")), lines, shippingLines,
                amount(order, "subtotal_price"), amount(order, "total_discounts"), totalShipping(order), amount(order, "total_tax"),
                amount(order, "total_price"));
    }

    private static BigDecimal totalShipping(final JsonNode order) {
        final BigDecimal fromSet = ShopifyOrderMapper.money(snakeToCamelMoney(order.path("total_shipping_price_set")));
        if (fromSet != null) {
            return fromSet;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode shipping : order.path("shipping_lines")) {
            sum = sum.add(orZero(amount(shipping, "price")));
        }
        return sum;
    }

    /** REST's {@code shop_money} becomes the GraphQL {@code shopMoney} shape the money reader knows. */
    private static JsonNode snakeToCamelMoney(final JsonNode set) {
        if (!set.isObject() || !set.has("shop_money")) {
            return set;
        }
        final ObjectNode camel = JsonNodeFactory.instance.objectNode();
        camel.set("shopMoney", set.get("shop_money"));
        return camel;
    }

    /** The shop-currency amount: {@code <field>_set.shop_money.amount} when present, else the plain field. */
    private static BigDecimal amount(final JsonNode node, final String field) {
        try {
            final BigDecimal fromSet = ShopifyOrderMapper.money(snakeToCamelMoney(node.path(field + "_set")));
            if (fromSet != null) {
                return fromSet;
            }
            final String plain = text(node, field);
            return plain == null || plain.isBlank() ? null : Amount.parse(plain);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal discounts(final JsonNode line) {
        final JsonNode allocations = line.path("discount_allocations");
        if (allocations.isArray() && !allocations.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (final JsonNode allocation : allocations) {
                sum = sum.add(orZero(amount(allocation, "amount")));
            }
            return sum;
        }
        final BigDecimal total = amount(line, "total_discount");
        return total == null ? BigDecimal.ZERO : total;
    }

    private static BigDecimal taxAmount(final JsonNode taxLines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode tax : taxLines) {
            sum = sum.add(orZero(amount(tax, "price")));
        }
        return sum;
    }

    private static BigDecimal taxRate(final JsonNode taxLines) {
        if (!taxLines.isArray() || taxLines.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode tax : taxLines) {
            if (tax.path("rate").isMissingNode() || tax.path("rate").isNull()) {
                return null;
            }
            try {
                sum = sum.add(Amount.parse(tax.path("rate").asText()));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("tax_lines.rate: " + e.getMessage(), e);
            }
        }
        return sum;
    }

    private static Customer customer(final JsonNode customer) {
        if (!customer.isObject()) {
            return null;
        }
        return new Customer(gidOf(customer, "Customer"), text(customer, "email"), text(customer, "first_name"),
                text(customer, "last_name"), text(customer, "phone"));
    }

    private static Address address(final JsonNode address) {
        if (!address.isObject()) {
            return null;
        }
        String name = text(address, "name");
        if (name == null && (text(address, "first_name") != null || text(address, "last_name") != null)) {
            name = ((text(address, "first_name") == null ? "" : text(address, "first_name")) + " "
                    + (text(address, "last_name") == null ? "" : text(address, "last_name"))).trim();
        }
        return new Address(name, text(address, "company"), text(address, "address1"), text(address, "address2"),
                text(address, "city"), text(address, "province"), text(address, "zip"), text(address, "country_code"),
                text(address, "phone"));
    }

    /** REST: null (nothing shipped), partial, fulfilled, restocked; GraphQL's names for the same. */
    private static String fulfillmentStatus(final JsonNode status) {
        if (status.isMissingNode() || status.isNull()) {
            return "UNFULFILLED";
        }
        return switch (status.asText().toLowerCase(Locale.ROOT)) {
            case "partial" -> "PARTIALLY_FULFILLED";
            case "fulfilled" -> "FULFILLED";
            case "restocked" -> "RESTOCKED";
            default -> upper(status.asText());
        };
    }

    private static String gidOf(final JsonNode node, final String type) {
        final String gid = text(node, "admin_graphql_api_id");
        return gid != null ? gid : gid(type, node.path("id"));
    }

    private static String gid(final String type, final JsonNode id) {
        if (id.isMissingNode() || id.isNull()) {
            return null;
        }
        final String text = id.asText();
        return text.startsWith("gid://") ? text : "gid://shopify/" + type + "/" + text;
    }

    private static List<String> tags(final String tags) {
        final List<String> values = new ArrayList<>();
        if (tags != null) {
            for (final String tag : tags.split(",")) {
                if (!tag.isBlank()) {
                    values.add(tag.trim());
                }
            }
        }
        return values;
    }

    private static boolean absent(final JsonNode value) {
        return value.isMissingNode() || value.isNull();
    }

    private static String upper(final String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static BigDecimal orZero(final BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static String text(final JsonNode node, final String field) {
        return ShopifyOrderMapper.text(node, field);
    }
}
