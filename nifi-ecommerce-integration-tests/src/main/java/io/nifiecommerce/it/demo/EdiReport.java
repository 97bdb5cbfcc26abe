package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The EDI exchanges of the demo, as the partners and Business Central show them.
 *
 * @param retailOrdersSent EANCOM orders the buyer sent (one of them twice: counted once)
 * @param retailOrdersInBc of those, the ones found in BC
 * @param retailOrderDuplicates BC documents beyond the first per buyer order
 * @param orderResponsesAccepted buyer orders answered by an ORDRSP accepting them
 * @param orderResponsesRepeated ORDRSP beyond the first per buyer order
 * @param shippingOrdersSent BC orders the 3PL received a shipping order (ORDERS) for
 * @param shippingOrdersResent shipping orders beyond the first per BC order (a new interchange, not a retransmission)
 * @param shipmentsPending second DESADVs the 3PL still waits to send (it sends the rest once the first is posted)
 * @param desadvSent distinct DESADVs (shipment ids) the 3PL sent; the first of each order was delivered twice
 * @param shipmentsPosted BC sales shipments of those orders
 * @param recadvSent distinct RECADVs the 3PL sent (delivered twice)
 * @param receiptsPosted BC purchase receipts of that purchase order
 * @param stockItemsReported items the 3PL's INVRPT counts (delivered twice)
 * @param stockItemsMatching of those, the items whose BC inventory equals the 3PL's count once reconciled (one adjustment
 *                           under the report's number, the inventory right after it equal to the count)
 * @param stockAdjustmentsRepeated adjustments beyond one per item under the report's number
 */
public record EdiReport(int retailOrdersSent, int retailOrdersInBc, int retailOrderDuplicates, int orderResponsesAccepted,
                        int orderResponsesRepeated, int shippingOrdersSent, int shippingOrdersResent, int shipmentsPending, int desadvSent,
                        int shipmentsPosted, int recadvSent, int receiptsPosted, int stockItemsReported, int stockItemsMatching,
                        int stockAdjustmentsRepeated) {

    /** Documents that exist twice: orders in BC, answers, shipping orders, postings beyond one per message. */
    public int duplicates() {
        return retailOrderDuplicates + orderResponsesRepeated + shippingOrdersResent + Math.max(0, shipmentsPosted - desadvSent)
                + Math.max(0, receiptsPosted - recadvSent) + stockAdjustmentsRepeated;
    }

    /**
     * Every buyer order in BC once and answered, shipped to the 3PL once, every DESADV and RECADV posted once, BC's stock
     * equal to the 3PL's report after reconciliation.
     */
    public boolean complete() {
        return retailOrdersInBc == retailOrdersSent && orderResponsesAccepted == retailOrdersSent && shippingOrdersSent == retailOrdersSent
                && shipmentsPending == 0 && shipmentsPosted == desadvSent && receiptsPosted == recadvSent
                && stockItemsMatching == stockItemsReported && duplicates() == 0;
    }

    /** Why not complete, for the demo's last words; null when complete. */
    public String reason() {
        if (complete()) {
            return null;
        }
        return String.format("EDI not converged: retail orders in BC %d/%d, ORDRSP %d/%d, shipping orders %d/%d, shipments posted %d/%d"
                        + " (%d second DESADVs pending), receipts posted %d/%d, BC stock equal to the 3PL's report %d/%d, duplicates %d",
                retailOrdersInBc, retailOrdersSent, orderResponsesAccepted, retailOrdersSent, shippingOrdersSent, retailOrdersSent,
                shipmentsPosted, desadvSent, shipmentsPending, receiptsPosted, recadvSent, stockItemsMatching, stockItemsReported, duplicates());
    }

    /** The "edi" object of the demo's JSON summary. */
    public void addTo(final ObjectNode summary) {
        final ObjectNode edi = summary.putObject("edi");
        edi.put("synced", complete());
        edi.put("retailOrdersSent", retailOrdersSent);
        edi.put("retailOrdersInBusinessCentral", retailOrdersInBc);
        edi.put("orderResponsesAccepted", orderResponsesAccepted);
        edi.put("shippingOrdersSent", shippingOrdersSent);
        edi.put("desadvSent", desadvSent);
        edi.put("shipmentsPosted", shipmentsPosted);
        edi.put("recadvSent", recadvSent);
        edi.put("receiptsPosted", receiptsPosted);
        final ObjectNode stock = edi.putObject("bcStockEqualsThreePlReportAfterReconciliation");
        stock.put("itemsReported", stockItemsReported);
        stock.put("itemsMatching", stockItemsMatching);
        edi.put("duplicates", duplicates());
    }

    /** The progress line's EDI part. */
    public String progress() {
        return String.format("EDI retail orders %d/%d, ORDRSP %d, shipping orders %d, shipments posted %d/%d, receipts %d/%d, 3PL stock %d/%d",
                retailOrdersInBc, retailOrdersSent, orderResponsesAccepted, shippingOrdersSent, shipmentsPosted, desadvSent, receiptsPosted,
                recadvSent, stockItemsMatching, stockItemsReported);
    }
}
