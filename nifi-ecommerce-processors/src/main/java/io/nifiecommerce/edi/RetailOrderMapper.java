package io.nifiecommerce.edi;

import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Company;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an EANCOM {@link RetailOrder} into the canonical {@link Order} that PutBusinessCentralOrder creates in BC:
 * a B2B order whose company carries the BC customer number (resolved from the buyer's GLN) as externalId, the delivery
 * GLN and its ship-to code as location, and the delivery point's address as shipping address. Lines keep the GTIN
 * (PutBusinessCentralOrder resolves items by GTIN when its Item Reference is GTIN) and the supplier article as SKU.
 * <p>
 * Refused, with a {@link RetailOrderException} naming the cause: an unknown buyer GLN, a buyer without a customer
 * number, a cancellation or replacement (BGM 1225 other than 9 or absent: handled by people), a line without price
 * (EANCOM prices are agreed net prices; BC price lists are not consulted), a fractional quantity.
 */
public final class RetailOrderMapper {

    /** The canonical order's source for EANCOM orders. */
    public static final String SOURCE = "eancom";

    private final PartyDirectory directory;
    private final String defaultCurrency;

    public RetailOrderMapper(final PartyDirectory directory, final String defaultCurrency) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.defaultCurrency = defaultCurrency;
    }

    public Order map(final RetailOrder order) {
        if (order.function() != null && !"9".equals(order.function())) {
            throw new RetailOrderException(order, "FUNCTION", "order " + order.orderNumber() + " has BGM function " + order.function()
                    + " (only originals, 9, are created automatically; replacements and cancellations need a person)");
        }
        if (order.buyerGln() == null) {
            throw new RetailOrderException(order, "NO_BUYER_GLN", "order " + order.orderNumber() + " names its buyer without a GLN (NAD+BY"
                    + (order.buyerName() == null ? "" : " '" + order.buyerName() + "'") + ")");
        }
        final PartyDirectory.Party buyer = directory.find(order.buyerGln()).orElseThrow(() -> new RetailOrderException(order,
                "UNKNOWN_BUYER", "buyer GLN " + order.buyerGln() + " of order " + order.orderNumber() + " is not in the GLN table"));
        if (buyer.customerNumber() == null) {
            throw new RetailOrderException(order, "UNKNOWN_BUYER", "GLN " + order.buyerGln() + " has no BC customer number in the GLN table");
        }
        final String deliveryGln = order.deliveryGln() != null ? order.deliveryGln() : order.buyerGln();
        final PartyDirectory.Party delivery = directory.find(deliveryGln).orElseThrow(() -> new RetailOrderException(order,
                "UNKNOWN_DELIVERY_POINT", "delivery GLN " + deliveryGln + " of order " + order.orderNumber() + " is not in the GLN table"));
        final Address shipTo = new Address(delivery.name(), delivery.name(), delivery.address1(), delivery.address2(), delivery.city(),
                null, delivery.postalCode(), delivery.countryCode(), null);
        final PartyDirectory.Party invoicee = order.invoiceeGln() == null ? buyer : directory.find(order.invoiceeGln()).orElse(buyer);
        final Address billTo = new Address(invoicee.name(), invoicee.name(), invoicee.address1(), invoicee.address2(), invoicee.city(), null,
                invoicee.postalCode(), invoicee.countryCode(), null);

        final List<OrderLine> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (final RetailOrder.Line line : order.lines()) {
            if (line.unitPrice() == null) {
                throw new RetailOrderException(order, "NO_PRICE", "line " + line.lineNumber() + " of order " + order.orderNumber()
                        + " has no price (PRI+AAA or AAB)");
            }
            final long quantity;
            try {
                quantity = line.quantity().longValueExact();
            } catch (ArithmeticException e) {
                throw new RetailOrderException(order, "FRACTIONAL_QUANTITY", "line " + line.lineNumber() + " of order " + order.orderNumber()
                        + " orders " + line.quantity().toPlainString() + " units");
            }
            lines.add(new OrderLine(line.lineNumber(), line.supplierItem(), line.gtin(), line.description(), quantity, line.unitPrice(),
                    BigDecimal.ZERO, null, null));
            subtotal = subtotal.add(line.unitPrice().multiply(line.quantity()));
        }
        if (lines.isEmpty()) {
            throw new RetailOrderException(order, "NO_LINES", "order " + order.orderNumber() + " has no line");
        }
        final String date = order.orderDate() == null ? null : order.orderDate().toString();
        final Company company = new Company(order.buyerGln(), buyer.customerNumber(), buyer.name(), deliveryGln, delivery.shipToCode(),
                delivery.name(), null);
        return new Order(SOURCE, order.key(), order.orderNumber(), Segment.B2B, "edi", date, date, date, null,
                order.currency() != null ? order.currency() : defaultCurrency, false, null, "UNFULFILLED", order.orderNumber(),
                List.of(), null, order.requestedDeliveryDate() == null ? null : "requested delivery " + order.requestedDeliveryDate(),
                null, company, billTo, shipTo, lines, List.of(), subtotal, BigDecimal.ZERO, BigDecimal.ZERO, null, null);
    }
}
