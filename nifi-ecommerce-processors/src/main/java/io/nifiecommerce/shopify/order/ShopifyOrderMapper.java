package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Maps an Admin GraphQL {@code Order} node (as selected by orders-page.graphql or a bulk JSONL line
 * with its children attached) to the canonical {@link Order}. Amounts are the shop-currency side of
 * each MoneyBag, the currency of {@code currencyCode}. An order bought through a company account
 * ({@code purchasingEntity} is a PurchasingCompany) is B2B, its contact becomes the customer.
 */
public final class ShopifyOrderMapper {

    public static final String SOURCE = "shopify";

    private ShopifyOrderMapper() {
    }

    public static Order fromGraphQl(final JsonNode node) {
        final JsonNode entity = node.path("purchasingEntity");
        final boolean b2b = "PurchasingCompany".equals(entity.path("__typename").asText())
                || entity.has("company");
        final Company company = b2b ? company(entity) : null;
        final Customer customer = b2b && entity.path("contact").path("customer").isObject()
                ? customer(entity.path("contact").path("customer"))
                : customer(node.path("customer"));
        final List<OrderLine> lines = new ArrayList<>();
        for (final JsonNode line : nodes(node.path("lineItems"))) {
            lines.add(line(line));
        }
        final List<ShippingLine> shippingLines = new ArrayList<>();
        for (final JsonNode shipping : nodes(node.path("shippingLines"))) {
            shippingLines.add(shippingLine(shipping));
        }
        return new Order(SOURCE, text(node, "id"), text(node, "name"), b2b ? Segment.B2B : Segment.B2C, text(node, "sourceName"),
                text(node, "createdAt"), text(node, "updatedAt"), text(node, "processedAt"), text(node, "cancelledAt"),
                text(node, "currencyCode"), node.path("taxesIncluded").asBoolean(false),
                text(node, "displayFinancialStatus"), text(node, "displayFulfillmentStatus"), text(node, "poNumber"),
                tags(node.path("tags")), text(node, "email"), text(node, "note"),
                customer, company, address(node.path("billingAddress")), address(node.path("shippingAddress")),
                lines, shippingLines,
                money(node.path("subtotalPriceSet")), money(node.path("totalDiscountsSet")),
                money(node.path("totalShippingPriceSet")), money(node.path("totalTaxSet")), money(node.path("totalPriceSet")));
    }

    /** Whether an order node is B2B, without mapping it (for filtering raw output). */
    public static boolean isB2b(final JsonNode node) {
        final JsonNode entity = node.path("purchasingEntity");
        return "PurchasingCompany".equals(entity.path("__typename").asText()) || entity.has("company");
    }

    static OrderLine line(final JsonNode line) {
        return new OrderLine(text(line, "id"), text(line, "sku"), text(line.path("variant"), "barcode"), text(line, "name"),
                line.path("quantity").asLong(), orZero(money(line.path("originalUnitPriceSet"))),
                allocations(line.path("discountAllocations")), taxAmount(line.path("taxLines")), taxRate(line.path("taxLines")),
                line.path("currentQuantity").isIntegralNumber() ? line.path("currentQuantity").asLong() : null);
    }

    static ShippingLine shippingLine(final JsonNode shipping) {
        return new ShippingLine(text(shipping, "code"), text(shipping, "title"), orZero(money(shipping.path("originalPriceSet"))),
                allocations(shipping.path("discountAllocations")), taxAmount(shipping.path("taxLines")), taxRate(shipping.path("taxLines")));
    }

    private static Company company(final JsonNode entity) {
        final JsonNode company = entity.path("company");
        final JsonNode location = entity.path("location");
        String taxRegistration = text(location.path("taxSettings"), "taxRegistrationId");
        if (taxRegistration == null) {
            taxRegistration = text(location, "taxRegistrationId");
        }
        return new Company(text(company, "id"), text(company, "externalId"), text(company, "name"), text(location, "id"),
                text(location, "externalId"), text(location, "name"), taxRegistration);
    }

    private static Customer customer(final JsonNode customer) {
        if (!customer.isObject()) {
            return null;
        }
        return new Customer(text(customer, "id"), text(customer, "email"), text(customer, "firstName"), text(customer, "lastName"),
                text(customer, "phone"));
    }

    private static Address address(final JsonNode address) {
        if (!address.isObject()) {
            return null;
        }
        return new Address(text(address, "name"), text(address, "company"), text(address, "address1"), text(address, "address2"),
                text(address, "city"), text(address, "province"), text(address, "zip"), text(address, "countryCodeV2"),
                text(address, "phone"));
    }

    /** Sum of discount allocations; zero when there are none (a line with no discount is not unknown). */
    private static BigDecimal allocations(final JsonNode allocations) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode allocation : allocations) {
            final BigDecimal amount = money(allocation.path("allocatedAmountSet"));
            if (amount != null) {
                sum = sum.add(amount);
            }
        }
        return sum;
    }

    private static BigDecimal taxAmount(final JsonNode taxLines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode tax : taxLines) {
            final BigDecimal amount = money(tax.path("priceSet"));
            if (amount != null) {
                sum = sum.add(amount);
            }
        }
        return sum;
    }

    /** Stacked jurisdictions (state + county) add up to the line's effective rate; null without tax lines. */
    private static BigDecimal taxRate(final JsonNode taxLines) {
        if (!taxLines.isArray() || taxLines.isEmpty()) {
            return null;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode tax : taxLines) {
            final JsonNode rate = tax.path("rate");
            if (rate.isMissingNode() || rate.isNull()) {
                return null;
            }
            sum = sum.add(Amount.parse(rate.asText()));
        }
        return sum;
    }

    /** The shop-currency amount of a MoneyBag, null when the bag is absent. */
    static BigDecimal money(final JsonNode moneyBag) {
        final JsonNode amount = moneyBag.path("shopMoney").path("amount");
        if (amount.isMissingNode() || amount.isNull() || amount.asText().isBlank()) {
            return null;
        }
        return Amount.parse(amount.asText());
    }

    private static BigDecimal orZero(final BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    /** A connection's items, selected as {@code nodes}, {@code edges { node }}, or attached as a plain array (bulk). */
    static List<JsonNode> nodes(final JsonNode connection) {
        final List<JsonNode> items = new ArrayList<>();
        if (connection.isArray()) {
            connection.forEach(items::add);
        } else if (connection.has("nodes")) {
            connection.path("nodes").forEach(items::add);
        } else if (connection.has("edges")) {
            connection.path("edges").forEach(edge -> items.add(edge.path("node")));
        }
        return items;
    }

    private static List<String> tags(final JsonNode tags) {
        final List<String> values = new ArrayList<>();
        if (tags.isArray()) {
            tags.forEach(tag -> values.add(tag.asText()));
        } else if (tags.isTextual()) {
            for (final String tag : tags.asText().split(",")) {
                if (!tag.isBlank()) {
                    values.add(tag.trim());
                }
            }
        }
        return values;
    }

    static String text(final JsonNode node, final String field) {
        final JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
