package io.nifiecommerce.sandbox.seed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Shopify order as seeded. Amounts are in the order's currency, which is both the shop and the
 * presentment currency (the sandbox does not convert). With {@code taxesIncluded} the unit prices
 * already contain the tax; otherwise the tax lines come on top.
 *
 * @param b2b the purchasing company for a B2B order, null for a retail one
 */
public record Order(long id, String name, Instant createdAt, Instant updatedAt, Instant processedAt, String email,
                    String currency, boolean taxesIncluded, String poNumber, List<String> tags,
                    String financialStatus, String fulfillmentStatus, Instant cancelledAt, String cancelReason,
                    long customerId, B2bPurchase b2b, Address shippingAddress, Address billingAddress,
                    List<OrderLine> lines, List<ShippingLine> shippingLines, String sourceName, String note) {

    /** Who bought for a company: the company, the location billed and the contact who ordered. */
    public record B2bPurchase(long companyId, long companyLocationId, long companyContactId) {
    }

    /** A tax applied to a line or a shipping line. */
    public record TaxLine(String title, BigDecimal rate, BigDecimal amount) {
    }

    /** One line of the order; {@code discount} is the total discount allocated to the line. */
    public record OrderLine(long id, long variantId, String sku, String title, String variantTitle, int quantity,
                            BigDecimal unitPrice, BigDecimal discount, List<TaxLine> taxLines) {

        public BigDecimal originalTotal() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }

        public BigDecimal discountedTotal() {
            return originalTotal().subtract(discount);
        }
    }

    /** A shipping method charged on the order. */
    public record ShippingLine(long id, String title, String code, String carrier, BigDecimal price, List<TaxLine> taxLines) {
    }

    public boolean isB2b() {
        return b2b != null;
    }

    public BigDecimal subtotal() {
        return lines.stream().map(OrderLine::discountedTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalDiscounts() {
        return lines.stream().map(OrderLine::discount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalShipping() {
        return shippingLines.stream().map(ShippingLine::price).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalTax() {
        final BigDecimal lineTax = lines.stream().flatMap(line -> line.taxLines().stream()).map(TaxLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        final BigDecimal shippingTax = shippingLines.stream().flatMap(line -> line.taxLines().stream()).map(TaxLine::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return lineTax.add(shippingTax);
    }

    /** What the customer pays: tax is added only when prices exclude it. */
    public BigDecimal totalPrice() {
        final BigDecimal gross = subtotal().add(totalShipping());
        return taxesIncluded ? gross : gross.add(totalTax());
    }

    /** A copy with another update time (and, for the store's edits, other tags or statuses). */
    public Order withUpdate(final Instant newUpdatedAt, final List<String> newTags, final String newFinancialStatus) {
        return new Order(id, name, createdAt, newUpdatedAt, processedAt, email, currency, taxesIncluded, poNumber, newTags,
                newFinancialStatus, fulfillmentStatus, cancelledAt, cancelReason, customerId, b2b, shippingAddress,
                billingAddress, lines, shippingLines, sourceName, note);
    }

    public Order withFulfillmentStatus(final String newStatus, final Instant newUpdatedAt) {
        return new Order(id, name, createdAt, newUpdatedAt, processedAt, email, currency, taxesIncluded, poNumber, tags,
                financialStatus, newStatus, cancelledAt, cancelReason, customerId, b2b, shippingAddress,
                billingAddress, lines, shippingLines, sourceName, note);
    }

    /**
     * A copy as another document: the draft an order was submitted as, or the order a draft became. A new document is
     * neither fulfilled nor cancelled, whatever the seeded order it was made from went through: Shopify's drafts cannot be
     * cancelled, and the order {@code draftOrderComplete} makes is born open.
     */
    public Order asDocument(final long newId, final String newName, final Instant at, final String newFinancialStatus) {
        return new Order(newId, newName, at, at, at, email, currency, taxesIncluded, poNumber, tags, newFinancialStatus,
                "UNFULFILLED", null, null, customerId, b2b, shippingAddress, billingAddress, lines, shippingLines,
                sourceName, note);
    }

    /** A copy with other shipping lines (a draft's shipping line set by the merchant or an app). */
    public Order withShippingLines(final List<ShippingLine> newShippingLines, final Instant newUpdatedAt) {
        return new Order(id, name, createdAt, newUpdatedAt, processedAt, email, currency, taxesIncluded, poNumber, tags,
                financialStatus, fulfillmentStatus, cancelledAt, cancelReason, customerId, b2b, shippingAddress,
                billingAddress, lines, List.copyOf(newShippingLines), sourceName, note);
    }

    /** A copy cancelled at {@code at} for {@code reason}, with the financial status the cancellation leaves. */
    public Order withCancellation(final Instant at, final String reason, final String newFinancialStatus) {
        return new Order(id, name, createdAt, at, processedAt, email, currency, taxesIncluded, poNumber, tags,
                newFinancialStatus, fulfillmentStatus, at, reason, customerId, b2b, shippingAddress,
                billingAddress, lines, shippingLines, sourceName, note);
    }
}
