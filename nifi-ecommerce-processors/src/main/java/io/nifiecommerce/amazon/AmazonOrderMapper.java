package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Amount;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps an Amazon order and its items to the canonical order (docs/canonical-order.md).
 * <p>
 * Amazon gives the price of a line, not of a unit: {@code ItemPrice} is the unit price times the quantity. On the EU
 * and UK marketplaces it includes VAT, {@code ItemTax} being the VAT within it, and the same holds for shipping, gift
 * wrap and promotions ({@code PromotionDiscount} and its {@code PromotionDiscountTax}); elsewhere prices exclude the
 * sales tax. The unit price is the line price divided by the quantity, rounded up to the cent; what rounding added
 * goes into the line's discount, so that the line's amount is Amazon's to the cent. The seller's SKU is the SKU.
 * <p>
 * Without a Restricted Data Token the order carries no buyer name, e-mail or street: the shipping address has the
 * city, postal code, region and country only, and there is no customer; the ERP books the order on the marketplace's
 * customer. A cancelled order is mapped without lines: it only cancels what the ERP holds.
 */
public final class AmazonOrderMapper {

    public static final String SOURCE = "amazon";

    /** Marketplaces whose prices include VAT: the EU's, the UK's and Turkey's (Amazon's marketplace ids). */
    static final Set<String> VAT_INCLUSIVE = Set.of(
            "A13V1IB3VIYZZH", // Amazon.fr
            "A1PA6795UKMFR9", // Amazon.de
            "APJ6JRA9NG5V4",  // Amazon.it
            "A1RKKUPIHCS9HS", // Amazon.es
            "A1F83G8C2ARO7P", // Amazon.co.uk
            "A1805IZSGTT6HS", // Amazon.nl
            "A2NODRKZP88ZB9", // Amazon.se
            "A1C3SOZRARQ6R3", // Amazon.pl
            "AMEN7PMS3EDWL",  // Amazon.com.be
            "A28R8C7NBKEWEA", // Amazon.ie
            "A33AVAJ2PDY3EV"); // Amazon.com.tr

    private final String channel;

    /** @param channel the channel of Amazon's orders as the ERP knows it, e.g. {@code amazon} (the channel dimension's value, upper-cased) */
    public AmazonOrderMapper(final String channel) {
        this.channel = channel;
    }

    /** @throws IllegalArgumentException when the order lacks what the ERP needs (SKU, price, one currency) */
    public Order map(final AmazonOrder order) {
        final JsonNode json = order.json();
        if (order.orderId().isEmpty()) {
            throw new IllegalArgumentException("order without AmazonOrderId");
        }
        final boolean cancelled = AmazonOrder.CANCELED.equals(order.status());
        final boolean taxesIncluded = VAT_INCLUSIVE.contains(json.path("MarketplaceId").asText());
        final String currency = currency(order);
        final Totals totals = new Totals();
        final List<OrderLine> lines = new ArrayList<>();
        if (!cancelled) {
            for (final JsonNode item : order.items()) {
                final OrderLine line = line(item, currency, taxesIncluded, totals);
                if (line != null) {
                    lines.add(line);
                }
            }
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("order " + order.orderId() + " has no item with a quantity");
            }
        }
        final List<ShippingLine> shippingLines = new ArrayList<>();
        if (totals.shipping.signum() != 0) {
            shippingLines.add(new ShippingLine(json.path("ShipmentServiceLevelCategory").asText("Standard"), text(json, "ShipServiceLevel"),
                    totals.shipping, totals.shippingDiscount, totals.shippingTax, rate(totals.shipping.subtract(totals.shippingDiscount),
                    totals.shippingTax, taxesIncluded)));
        }
        if (totals.giftWrap.signum() != 0) {
            shippingLines.add(new ShippingLine("GiftWrap", "Gift wrap", totals.giftWrap, BigDecimal.ZERO, totals.giftWrapTax,
                    rate(totals.giftWrap, totals.giftWrapTax, taxesIncluded)));
        }
        final BigDecimal shippingNet = totals.shipping.subtract(totals.shippingDiscount).add(totals.giftWrap);
        final BigDecimal tax = totals.tax.add(totals.shippingTax).add(totals.giftWrapTax);
        final BigDecimal total = totals.subtotal.add(shippingNet).add(taxesIncluded ? BigDecimal.ZERO : tax);
        final JsonNode orderTotal = json.path("OrderTotal");
        if (!cancelled && orderTotal.hasNonNull("Amount") && Amount.parse(orderTotal.path("Amount").asText()).compareTo(total) != 0) {
            throw new IllegalArgumentException("order " + order.orderId() + ": its items add up to " + total + " " + currency
                    + " but OrderTotal is " + orderTotal.path("Amount").asText());
        }
        final List<String> tags = new ArrayList<>(List.of(SOURCE, channel));
        if (json.hasNonNull("SalesChannel")) {
            tags.add("amazon-marketplace:" + json.path("SalesChannel").asText());
        }
        tags.add("amazon-fulfillment:" + json.path("FulfillmentChannel").asText("MFN"));
        if (json.path("IsBusinessOrder").asBoolean(false)) {
            tags.add("amazon-business");
        }
        if (json.path("IsPrime").asBoolean(false)) {
            tags.add("amazon-prime");
        }
        final String updated = text(json, "LastUpdateDate");
        return new Order(SOURCE, order.orderId(), order.orderId(), Segment.B2C, channel,
                text(json, "PurchaseDate"), updated, text(json, "PurchaseDate"), cancelled ? updated : null,
                currency, taxesIncluded, financialStatus(order.status()), fulfillmentStatus(order.status()),
                null, tags, null, null, null, null, null, address(json.path("ShippingAddress")), lines, shippingLines,
                totals.subtotal, totals.discounts.add(totals.shippingDiscount), shippingNet, tax, total);
    }

    /** What the lines add up to, as they are read. */
    private static final class Totals {
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal shippingDiscount = BigDecimal.ZERO;
        BigDecimal shippingTax = BigDecimal.ZERO;
        BigDecimal giftWrap = BigDecimal.ZERO;
        BigDecimal giftWrapTax = BigDecimal.ZERO;
    }

    private static OrderLine line(final JsonNode item, final String currency, final boolean taxesIncluded, final Totals totals) {
        final long quantity = item.path("QuantityOrdered").asLong(0);
        if (quantity <= 0) {
            return null;
        }
        final String sku = text(item, "SellerSKU");
        if (sku == null) {
            throw new IllegalArgumentException("item " + item.path("OrderItemId").asText() + " has no SellerSKU");
        }
        if (!item.hasNonNull("ItemPrice")) {
            throw new IllegalArgumentException("item " + item.path("OrderItemId").asText() + " (" + sku + ") has no ItemPrice");
        }
        final BigDecimal price = money(item, "ItemPrice", currency);
        final BigDecimal promotion = money(item, "PromotionDiscount", currency);
        final BigDecimal itemTax = money(item, "ItemTax", currency).subtract(money(item, "PromotionDiscountTax", currency));
        final BigDecimal unit = price.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.CEILING);
        final BigDecimal discount = unit.multiply(BigDecimal.valueOf(quantity)).subtract(price).add(promotion);
        totals.subtotal = totals.subtotal.add(price).subtract(promotion);
        totals.discounts = totals.discounts.add(promotion);
        totals.tax = totals.tax.add(itemTax);
        totals.shipping = totals.shipping.add(money(item, "ShippingPrice", currency));
        totals.shippingDiscount = totals.shippingDiscount.add(money(item, "ShippingDiscount", currency));
        totals.shippingTax = totals.shippingTax.add(money(item, "ShippingTax", currency)).subtract(money(item, "ShippingDiscountTax", currency));
        totals.giftWrap = totals.giftWrap.add(money(item, "GiftWrapPrice", currency));
        totals.giftWrapTax = totals.giftWrapTax.add(money(item, "GiftWrapTax", currency));
        return new OrderLine(item.path("OrderItemId").asText(), sku, null, text(item, "Title"), quantity, unit, discount, itemTax,
                rate(price.subtract(promotion), itemTax, taxesIncluded));
    }

    /**
     * The VAT rate of an amount as a fraction (0.2, 0.055), from the amount and the tax in it (or on it), both rounded to
     * the cent by Amazon: the roundest rate, whole percents first, then tenths of a percent, that gives that tax back
     * (0.67 of VAT in 3.99 is 20 %, not 20.2 %).
     */
    static BigDecimal rate(final BigDecimal amount, final BigDecimal tax, final boolean taxesIncluded) {
        final BigDecimal base = taxesIncluded ? amount.subtract(tax) : amount;
        if (base.signum() <= 0 || tax.signum() < 0) {
            return null;
        }
        final BigDecimal raw = tax.divide(base, 6, RoundingMode.HALF_UP);
        for (int scale = 2; scale <= 3; scale++) {
            final BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
            final BigDecimal nearest = raw.setScale(scale, RoundingMode.HALF_UP);
            for (final BigDecimal candidate : List.of(nearest, nearest.subtract(step), nearest.add(step))) {
                if (candidate.signum() >= 0 && taxOf(amount, candidate, taxesIncluded).compareTo(tax) == 0) {
                    return candidate.stripTrailingZeros();
                }
            }
        }
        return raw.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigDecimal taxOf(final BigDecimal amount, final BigDecimal rate, final boolean taxesIncluded) {
        final BigDecimal tax = taxesIncluded ? amount.multiply(rate).divide(BigDecimal.ONE.add(rate), 10, RoundingMode.HALF_UP)
                : amount.multiply(rate);
        return tax.setScale(2, RoundingMode.HALF_UP);
    }

    private static String currency(final AmazonOrder order) {
        final String total = order.json().path("OrderTotal").path("CurrencyCode").asText(null);
        if (total != null) {
            return total;
        }
        for (final JsonNode item : order.items()) {
            if (item.path("ItemPrice").hasNonNull("CurrencyCode")) {
                return item.path("ItemPrice").path("CurrencyCode").asText();
            }
        }
        if (AmazonOrder.CANCELED.equals(order.status())) {
            return null;
        }
        throw new IllegalArgumentException("order " + order.orderId() + " has no currency (no OrderTotal, no ItemPrice)");
    }

    /** A Money field ({@code {CurrencyCode, Amount}}), zero when absent; a currency other than the order's is refused. */
    private static BigDecimal money(final JsonNode parent, final String field, final String currency) {
        final JsonNode money = parent.get(field);
        if (money == null || money.isNull() || !money.hasNonNull("Amount")) {
            return BigDecimal.ZERO;
        }
        final String code = money.path("CurrencyCode").asText(currency);
        if (currency != null && !currency.equals(code)) {
            throw new IllegalArgumentException(field + " of item " + parent.path("OrderItemId").asText() + " is in " + code + ", the order in " + currency);
        }
        return Amount.parse(money.path("Amount").asText());
    }

    private static String financialStatus(final String status) {
        return switch (status) {
            case "Shipped", "InvoiceUnconfirmed" -> "PAID";  // Amazon charges the buyer when the order ships
            case "Unshipped", "PartiallyShipped" -> "AUTHORIZED";
            case "Canceled" -> "VOIDED";
            default -> "PENDING";
        };
    }

    private static String fulfillmentStatus(final String status) {
        return switch (status) {
            case "Shipped", "InvoiceUnconfirmed" -> "FULFILLED";
            case "PartiallyShipped" -> "PARTIALLY_FULFILLED";
            default -> "UNFULFILLED";
        };
    }

    /** What SP-API shows without a Restricted Data Token: no name, no street. */
    private static Address address(final JsonNode address) {
        if (address == null || !address.isObject()) {
            return null;
        }
        return new Address(text(address, "Name"), null, text(address, "AddressLine1"), text(address, "AddressLine2"), text(address, "City"),
                text(address, "StateOrRegion"), text(address, "PostalCode"), text(address, "CountryCode"), null);
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
