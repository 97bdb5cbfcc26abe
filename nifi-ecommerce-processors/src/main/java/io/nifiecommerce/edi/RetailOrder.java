package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A purchase order from a retail buyer (supermarket chain), read from an EANCOM ORDERS message.
 *
 * @param interchangeSender UNB S002 0004: who sent the interchange (often the buyer's GLN)
 * @param interchangeReference UNB 0020
 * @param messageReference UNH 0062
 * @param version directory and subset, e.g. D96A/EAN008
 * @param orderNumber BGM 1004, the buyer's order number
 * @param function BGM 1225: 9 original, 5 replace, 1 cancellation, 31 copy...; null when absent (original)
 * @param orderDate DTM+137
 * @param requestedDeliveryDate DTM+2 (or 64 / 69 earliest/promised), or null
 * @param buyerGln NAD+BY C082 3039
 * @param deliveryGln NAD+DP, or null (delivered to the buyer)
 * @param invoiceeGln NAD+IV, or null (invoice the buyer)
 * @param supplierGln NAD+SU, or null
 * @param buyerName NAD+BY name (C080 or C058), for orders without a GLN, else null
 * @param currency CUX+2 6345, or null
 * @param lines the ordered lines
 */
public record RetailOrder(String interchangeSender, String interchangeReference, String messageReference, String version,
                          String orderNumber, String function, LocalDate orderDate, LocalDate requestedDeliveryDate,
                          String buyerGln, String deliveryGln, String invoiceeGln, String supplierGln, String buyerName, String currency,
                          List<Line> lines) {

    public RetailOrder {
        lines = List.copyOf(lines);
    }

    /** The key duplicates are recognised by: the buyer and its order number (a buyer never reuses an order number). */
    public String key() {
        return (buyerGln != null ? buyerGln : interchangeSender) + ':' + orderNumber;
    }

    /**
     * An ordered line.
     *
     * @param lineNumber LIN 1082
     * @param gtin LIN C212 with type EN (or SRV/UP)
     * @param buyerItem PIA BP (the buyer's article number), or null
     * @param supplierItem PIA SA / IN... (our article number as the buyer knows it), or null
     * @param description IMD F, or null
     * @param quantity QTY+21 (ordered)
     * @param unitPrice PRI+AAA (net) or, without it, PRI+AAB (gross); null when the order carries no price
     */
    public record Line(String lineNumber, String gtin, String buyerItem, String supplierItem, String description, BigDecimal quantity,
                       BigDecimal unitPrice) {
    }
}
