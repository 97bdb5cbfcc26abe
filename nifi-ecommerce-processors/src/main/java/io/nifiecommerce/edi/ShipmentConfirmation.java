package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the 3PL shipped for one order, read from a DESADV or an X12 945.
 *
 * @param messageType DESADV or 945
 * @param interchangeReference UNB 0020 / ISA13 of the interchange that carried it
 * @param messageReference UNH 0062 / ST02
 * @param shipmentId the 3PL's despatch note or shipment number (BGM 1004 / W0604)
 * @param orderNumber the shipping order it answers: our BC order number (RFF+ON / W0602)
 * @param customerReference the customer's reference we sent (ORDERS RFF+CR, 940 W0503: the shop order name, BC's
 *                          externalDocumentNumber) as the 3PL echoes it (DESADV RFF+CR, 945 W0606), or null
 * @param shipDate DTM+11 (despatch date) / G62*11 or W0603
 * @param carrier TDT C040 (name, else code) / W2702 SCAC
 * @param trackingNumbers RFF+CN / N9*CN or MAN*CP, in the order read, without duplicates
 * @param lines the shipped lines (a partial shipment lists what left, not what was ordered)
 */
public record ShipmentConfirmation(String messageType, String interchangeReference, String messageReference, String shipmentId,
                                   String orderNumber, String customerReference, LocalDate shipDate, String carrier, List<String> trackingNumbers, List<Line> lines) {

    public ShipmentConfirmation {
        trackingNumbers = List.copyOf(trackingNumbers);
        lines = List.copyOf(lines);
    }

    /**
     * A shipped line.
     *
     * @param lineNumber our line number echoed back (LIN 1082 / N9*LI), or null when the 3PL does not echo it
     * @param itemNumber the item as the 3PL knows it: our item number (PIA SA, W12 product id), or null
     * @param gtin the GTIN (LIN EN / W1206 UPC, W12 EN/UK/UP), or null
     * @param quantityShipped QTY+12 / W1203
     * @param quantityOrdered QTY+21 / W1202, or null
     * @param lot the batch or lot number (GIN+BX / W1209 or N9*LT), or null
     * @param sscc the SSCC of the package the line travels in (GIN+BJ / MAN*GM), or null
     */
    public record Line(Integer lineNumber, String itemNumber, String gtin, BigDecimal quantityShipped, BigDecimal quantityOrdered,
                       String lot, String sscc) {
    }
}
