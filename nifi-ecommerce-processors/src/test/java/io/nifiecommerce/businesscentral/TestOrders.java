package io.nifiecommerce.businesscentral;

import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Company;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Canonical orders for tests and the benchmark, with totals computed the way Shopify states them. */
public final class TestOrders {

    private TestOrders() {
    }

    public static final Address PARIS = new Address("Jeanne Dupont", null, "12 rue de la Paix", "Bâtiment B", "Paris", null, "75002", "FR", "+33 1 23 45 67 89");

    /** A B2C order of {@code lines} lines with SKUs SKU-1..n, tax included at 20 %, shipping 4.90. */
    public static Order b2c(final String name, final int lines) {
        final List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            orderLines.add(line("SKU-" + i, i, "19.99", "0.00", "0.20"));
        }
        return order(name, Segment.B2C, null, true, orderLines, List.of(shipping("4.90", "0.00", "0.20")), BigDecimal.ZERO);
    }

    /** The order as placed by another Shopify customer: its e-mail and customer record are the customer's. */
    public static Order ofCustomer(final Order o, final Customer customer) {
        return new Order(o.source(), o.sourceId(), o.name(), o.segment(), o.channel(), o.createdAt(), o.updatedAt(), o.processedAt(), null,
                o.currency(), o.taxesIncluded(), null, null, null, null, customer.email(), null, customer, null,
                o.billingAddress(), o.shippingAddress(), o.lines(), o.shippingLines(), o.subtotalPrice(), o.totalDiscounts(), o.totalShipping(),
                o.totalTax(), o.totalPrice());
    }

    public static OrderLine line(final String sku, final long quantity, final String unitPrice, final String discount, final String rate) {
        final BigDecimal net = new BigDecimal(unitPrice).multiply(BigDecimal.valueOf(quantity)).subtract(new BigDecimal(discount));
        final BigDecimal r = new BigDecimal(rate);
        final BigDecimal tax = net.subtract(net.divide(BigDecimal.ONE.add(r), 2, RoundingMode.HALF_EVEN));
        return new OrderLine("gid://shopify/LineItem/" + sku, sku, null, "Product " + sku, quantity, new BigDecimal(unitPrice),
                new BigDecimal(discount), tax, r);
    }

    public static ShippingLine shipping(final String price, final String discount, final String rate) {
        final BigDecimal net = new BigDecimal(price).subtract(new BigDecimal(discount));
        final BigDecimal r = new BigDecimal(rate);
        final BigDecimal tax = net.subtract(net.divide(BigDecimal.ONE.add(r), 2, RoundingMode.HALF_EVEN));
        return new ShippingLine("standard", "Colissimo", new BigDecimal(price), new BigDecimal(discount), tax, r);
    }

    /** Totals as the shop states them: tax-included prices sum to the total; otherwise tax is added. */
    public static Order order(final String name, final Segment segment, final Company company, final boolean taxesIncluded,
                              final List<OrderLine> lines, final List<ShippingLine> shippingLines, final BigDecimal orderDiscount) {
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal discounts = orderDiscount;
        BigDecimal tax = BigDecimal.ZERO;
        for (final OrderLine line : lines) {
            subtotal = subtotal.add(line.netAmount());
            discounts = discounts.add(line.discountAmount());
            tax = tax.add(line.taxAmount());
        }
        BigDecimal shippingTotal = BigDecimal.ZERO;
        for (final ShippingLine s : shippingLines) {
            shippingTotal = shippingTotal.add(s.netAmount());
            discounts = discounts.add(s.discountAmount());
            tax = tax.add(s.taxAmount());
        }
        final BigDecimal total = subtotal.add(shippingTotal).subtract(orderDiscount).add(taxesIncluded ? BigDecimal.ZERO : tax);
        return new Order("shopify", "gid://shopify/Order/" + name.replace("#", ""), name, segment, "web", "2026-08-18T20:05:51+02:00",
                "2026-08-18T20:06:00Z", "2026-08-18T20:05:51+02:00", null, "EUR", taxesIncluded, "PAID", null, null, List.of(),
                "jeanne@example.com", null, new Customer("gid://shopify/Customer/1", "jeanne@example.com", "Jeanne", "Dupont", "+33 6 00 00 00 00"),
                company, PARIS, PARIS, lines, shippingLines, subtotal, discounts, shippingTotal, tax, total);
    }

    public static Company company(final String externalId, final String vat) {
        return new Company("gid://shopify/Company/1", externalId, "Acme SARL", "gid://shopify/CompanyLocation/1", null, "Lyon", vat);
    }
}
