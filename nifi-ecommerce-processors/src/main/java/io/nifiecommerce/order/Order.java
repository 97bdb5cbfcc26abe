package io.nifiecommerce.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * The canonical order: what every source (Shopify, a marketplace file, a B2B portal) is mapped to and
 * what the ERP side reads. Amounts are exact decimals in {@code currency}; times are ISO-8601 strings
 * with offset, as the source gave them.
 *
 * @param source where the order comes from, e.g. {@code shopify}, {@code amazon}
 * @param sourceId the source's id of the order (Shopify: gid://shopify/Order/...)
 * @param name the order's public reference (Shopify: #1001), the default external document number in the ERP
 * @param channel the sales channel (Shopify's sourceName: web, pos, a marketplace app)
 * @param taxesIncluded whether prices include tax
 * @param company null for B2C orders
 * @param totalPrice what the customer pays, taxes and shipping included
 */
public record Order(String source, String sourceId, String name, Segment segment, String channel,
                    String createdAt, String updatedAt, String processedAt, String cancelledAt,
                    String currency, boolean taxesIncluded, String financialStatus, String fulfillmentStatus,
                    String poNumber, List<String> tags, String email, String note,
                    Customer customer, Company company, Address billingAddress, Address shippingAddress,
                    List<OrderLine> lines, List<ShippingLine> shippingLines,
                    BigDecimal subtotalPrice, BigDecimal totalDiscounts, BigDecimal totalShipping, BigDecimal totalTax,
                    BigDecimal totalPrice) {

    public Order {
        tags = tags == null ? List.of() : List.copyOf(tags);
        lines = lines == null ? List.of() : List.copyOf(lines);
        shippingLines = shippingLines == null ? List.of() : List.copyOf(shippingLines);
    }

    /** The same order under another public reference, e.g. the draft's name its ERP document carries. */
    public Order named(final String otherName) {
        return new Order(source, sourceId, otherName, segment, channel, createdAt, updatedAt, processedAt, cancelledAt, currency, taxesIncluded,
                financialStatus, fulfillmentStatus, poNumber, tags, email, note, customer, company, billingAddress, shippingAddress, lines,
                shippingLines, subtotalPrice, totalDiscounts, totalShipping, totalTax, totalPrice);
    }
}
