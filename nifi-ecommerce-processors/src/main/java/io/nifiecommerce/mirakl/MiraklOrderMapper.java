package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Amount;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps an OR11 order to the canonical order (docs/canonical-order.md). The marketplace's code is the order's
 * {@code channel} (what the ERP books the channel dimension and the marketplace's customer from); Mirakl's own sales
 * channel, when the operator has several, goes into the tags as {@code mirakl-channel:<code>}. Refused and cancelled
 * lines are left out: they are not part of the sale.
 */
public final class MiraklOrderMapper {

    public static final String SOURCE = "mirakl";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Map<String, String> ALPHA2_BY_ALPHA3 = alpha2ByAlpha3();

    private final String marketplace;

    /** @param marketplace the marketplace's code as the integrator names it, e.g. {@code carrefour} or {@code fnac-darty} */
    public MiraklOrderMapper(final String marketplace) {
        this.marketplace = marketplace;
    }

    /** @throws IllegalArgumentException when a field the ERP needs is missing or not a number */
    public Order map(final MiraklOrder order) {
        final JsonNode json = order.json();
        if (order.orderId().isEmpty()) {
            throw new IllegalArgumentException("order without order_id");
        }
        final List<OrderLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal shippingTax = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal shippingRate = null;
        for (final MiraklOrder.Line line : order.lines()) {
            if (!line.live()) {
                continue;
            }
            final JsonNode l = line.json();
            final BigDecimal lineTax = sum(l.path("taxes"));
            final BigDecimal price = amount(l, "price");
            lines.add(new OrderLine(line.id(), line.offerSku(), null, l.path("product_title").asText(null), line.quantity(),
                    amount(l, "price_unit"), BigDecimal.ZERO, lineTax, rate(l.path("taxes"))));
            subtotal = subtotal.add(price);
            shipping = shipping.add(amount(l, "shipping_price"));
            shippingTax = shippingTax.add(sum(l.path("shipping_taxes")));
            shippingRate = shippingRate == null ? rate(l.path("shipping_taxes")) : shippingRate;
            tax = tax.add(lineTax).add(sum(l.path("shipping_taxes")));
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("order " + order.orderId() + " has no accepted line");
        }
        final List<ShippingLine> shippingLines = shipping.signum() == 0 ? List.of()
                : List.of(new ShippingLine(json.path("shipping_type_code").asText("SHIPPING"), json.path("shipping_type_label").asText(null),
                shipping, BigDecimal.ZERO, shippingTax, shippingRate));
        final JsonNode customer = json.path("customer");
        final Address billing = address(customer.path("billing_address"));
        final Address shippingAddress = address(customer.path("shipping_address"));
        final List<String> tags = new ArrayList<>(List.of(SOURCE, marketplace));
        if (json.path("channel").hasNonNull("code")) {
            tags.add("mirakl-channel:" + json.path("channel").path("code").asText());
        }
        final String email = text(json, "customer_notification_email");
        final boolean cancelled = order.state().equals("CANCELED");
        return new Order(SOURCE, order.orderId(), order.orderId(), Segment.B2C, marketplace,
                text(json, "created_date"), text(json, "last_updated_date"), text(json, "created_date"),
                cancelled ? text(json, "last_updated_date") : null,
                json.path("currency_iso_code").asText("EUR"), !"TAX_EXCLUDED".equals(json.path("order_tax_mode").asText()),
                json.hasNonNull("customer_debited_date") ? "PAID" : "PENDING", fulfillment(order.state()),
                json.path("commercial_id").asText(null), tags, email, null,
                new Customer(text(customer, "customer_id"), email, text(customer, "firstname"), text(customer, "lastname"),
                        billing == null ? null : billing.phone()),
                null, billing, shippingAddress, lines, shippingLines,
                subtotal, BigDecimal.ZERO, shipping, tax, subtotal.add(shipping));
    }

    private static String fulfillment(final String state) {
        return switch (state) {
            case "SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED" -> "FULFILLED";
            default -> "UNFULFILLED";
        };
    }

    private static Address address(final JsonNode address) {
        if (address == null || !address.isObject()) {
            return null;
        }
        final String name = (address.path("firstname").asText("") + " " + address.path("lastname").asText("")).trim();
        final String alpha3 = address.path("country_iso_code").asText("");
        return new Address(name.isEmpty() ? null : name, text(address, "company"), text(address, "street_1"), text(address, "street_2"),
                text(address, "city"), text(address, "state"), text(address, "zip_code"),
                ALPHA2_BY_ALPHA3.getOrDefault(alpha3.toUpperCase(Locale.ROOT), alpha3.isEmpty() ? null : alpha3), text(address, "phone"));
    }

    private static BigDecimal amount(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return BigDecimal.ZERO;
        }
        return Amount.parse(value.asText());
    }

    private static BigDecimal sum(final JsonNode taxes) {
        BigDecimal total = BigDecimal.ZERO;
        for (final JsonNode tax : taxes) {
            total = total.add(amount(tax, "amount"));
        }
        return total;
    }

    /** The one rate of the taxes as a fraction (Mirakl gives percent), or null when none or several. */
    private static BigDecimal rate(final JsonNode taxes) {
        if (taxes.size() != 1 || !taxes.get(0).hasNonNull("rate")) {
            return null;
        }
        return amount(taxes.get(0), "rate").divide(HUNDRED, 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Mirakl sends ISO 3166-1 alpha-3 country codes (FRA); the canonical order carries alpha-2 (FR). */
    private static Map<String, String> alpha2ByAlpha3() {
        final Map<String, String> codes = new HashMap<>();
        for (final String alpha2 : Locale.getISOCountries()) {
            codes.put(Locale.of("", alpha2).getISO3Country(), alpha2);
        }
        return Map.copyOf(codes);
    }
}
