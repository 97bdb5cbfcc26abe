package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.order.Refund;
import io.nifiecommerce.order.RefundLine;
import io.nifiecommerce.order.RefundShipping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a refund to a BC salesCreditMemo with its salesCreditMemoLines, for one deep insert: one item
 * line per refunded order line (its refunded subtotal, on the price basis of the sales orders), one
 * shipping line per shipping refund, on the account or charge the sales orders use. The credit memo
 * applies to the order's invoice through {@code invoiceId}, a writable field of the salesCreditMemos
 * page that sets "Applies-to Doc. No.". Restocked units come back into stock when BC posts the credit
 * memo, as its item lines say: the shop's restock is not pushed to stock from here.
 */
public final class CreditMemoMapper {

    /** Prefix of the external document number: the refund's own id follows, so one refund is one credit memo. */
    public static final String REFERENCE_PREFIX = "REFUND-";

    private final SalesOrderMapper orders;

    public CreditMemoMapper(final SalesOrderMapper orders) {
        this.orders = orders;
    }

    public static String externalDocumentNumber(final Refund refund) {
        return FieldLength.fit(REFERENCE_PREFIX + refund.shortId(), FieldLength.EXTERNAL_DOCUMENT_NUMBER, "externalDocumentNumber", new ArrayList<>());
    }

    /**
     * @param invoiceId the posted invoice of the order, null when the credit memo stands alone
     * @param itemNumbers BC item number of each refund line, in line order
     * @throws IllegalArgumentException when the refund carries nothing a credit memo line can hold
     */
    public ObjectNode map(final Refund refund, final String customerNumber, final String invoiceId, final List<String> itemNumbers) {
        final MappingOptions options = orders.options();
        final boolean convert = options.priceBasis() == PriceBasis.EXCLUDING_TAX && refund.taxesIncluded();
        final ObjectNode body = BusinessCentralClient.MAPPER.createObjectNode();
        body.put("externalDocumentNumber", externalDocumentNumber(refund));
        body.put("customerNumber", customerNumber);
        if (invoiceId != null) {
            body.put("invoiceId", invoiceId);
        }
        if (refund.createdAt() != null && refund.createdAt().length() >= 10) {
            body.put("creditMemoDate", refund.createdAt().substring(0, 10));
        }
        body.put("currencyCode", orders.currencyCode(refund.currency()));
        final ArrayNode lines = body.putArray("salesCreditMemoLines");
        for (int i = 0; i < refund.lines().size(); i++) {
            final RefundLine line = refund.lines().get(i);
            if (line.quantity() <= 0) {
                continue;
            }
            final SalesOrderMapper.LineAmounts amounts = amounts(SalesOrderMapper.money(line.subtotal()), line.taxAmount(), line.quantity(), convert);
            final ObjectNode node = lines.addObject();
            node.put("lineType", "Item");
            node.put("lineObjectNumber", itemNumbers.get(i));
            node.put("description", FieldLength.fit("Refund " + (line.title() == null ? line.sku() : line.title()), FieldLength.DESCRIPTION,
                    "description", new ArrayList<>()));
            node.put("quantity", line.quantity());
            node.put("unitPrice", amounts.unitPrice());
            node.put("discountAmount", amounts.discount());
        }
        for (final RefundShipping shipping : refund.shipping()) {
            final BigDecimal subtotal = SalesOrderMapper.money(shipping.subtotal());
            if (subtotal.signum() <= 0) {
                continue;
            }
            if (options.shippingLineNumber() == null || options.shippingLineNumber().isBlank()) {
                throw new IllegalArgumentException("shipping is refunded but no shipping line number is configured");
            }
            final SalesOrderMapper.LineAmounts amounts = amounts(subtotal, shipping.taxAmount(), 1, convert);
            final ObjectNode node = lines.addObject();
            node.put("lineType", options.shippingLineType());
            node.put("lineObjectNumber", options.shippingLineNumber());
            node.put("description", "Shipping refund");
            node.put("quantity", 1);
            node.put("unitPrice", amounts.unitPrice());
            node.put("discountAmount", amounts.discount());
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the refund returns money without any line or shipping to credit");
        }
        return body;
    }

    /** Unit price and balancing discount in cents, such that quantity x unitPrice - discount is the refunded amount. */
    private static SalesOrderMapper.LineAmounts amounts(final BigDecimal subtotal, final BigDecimal tax, final long quantity, final boolean convert) {
        if (convert) {
            return SalesOrderMapper.excludingTax(subtotal, BigDecimal.ZERO, tax, null, quantity);
        }
        final BigDecimal units = BigDecimal.valueOf(quantity);
        final BigDecimal unitPrice = subtotal.divide(units, 2, RoundingMode.CEILING);
        return new SalesOrderMapper.LineAmounts(unitPrice, SalesOrderMapper.money(unitPrice.multiply(units).subtract(subtotal)));
    }
}
