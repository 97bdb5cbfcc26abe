package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * A sales order ready for a deep insert, and what the mapping had to say about it.
 *
 * @param body the salesOrder JSON with its salesOrderLines
 * @param truncatedFields BC fields whose value was cut to fit
 * @param documentTotal sum of the lines sent, less the header discount, plus tax when lines are sent without it
 * @param reconciliationDifference the order's totalPrice minus {@code documentTotal}; zero when it reconciles, null when the order has no total
 */
public record SalesOrderDraft(String externalDocumentNumber, ObjectNode body, List<String> truncatedFields, BigDecimal documentTotal,
                              BigDecimal reconciliationDifference) {

    public boolean reconciles() {
        return reconciliationDifference == null || reconciliationDifference.signum() == 0;
    }
}
