package io.nifiecommerce.businesscentral;

import java.math.BigDecimal;
import java.util.List;

/**
 * What became of one order.
 *
 * @param documentType the entity set holding the document: salesOrders for created ones; salesInvoices or salesShipments when an
 *                     already present order has been invoiced or shipped; for a cancelled order, where the deleted one was
 * @param truncatedFields BC fields cut to fit (the order was still sent)
 * @param reconciliationDifference totalPrice minus the document total as sent; null when not mapped or no total
 */
public record OrderOutcome(Status status, String externalDocumentNumber, String id, String number, String documentType,
                           String errorCode, String errorMessage, List<String> truncatedFields, BigDecimal reconciliationDifference) {

    public enum Status {
        CREATED,
        ALREADY_PRESENT,
        /** Cancelled in the source: never created, or its open sales order deleted (id and number say which). */
        CANCELLED,
        /** A refund of an order BC never invoiced nor holds (cancelled before it got there): there is nothing to credit. */
        NOT_INVOICED,
        /** Refused for a reason that retrying will not fix (unknown item or customer, validation). */
        FAILED,
        /** Not sent or outcome unknown after bounded retries (throttling, outage, credentials): safe to send again. */
        RETRY
    }

    public OrderOutcome {
        truncatedFields = truncatedFields == null ? List.of() : List.copyOf(truncatedFields);
    }

    public static OrderOutcome failed(final String externalDocumentNumber, final String code, final String message) {
        return new OrderOutcome(Status.FAILED, externalDocumentNumber, null, null, null, code, message, null, null);
    }

    public static OrderOutcome retry(final String externalDocumentNumber, final String code, final String message) {
        return new OrderOutcome(Status.RETRY, externalDocumentNumber, null, null, null, code, message, null, null);
    }

    public static OrderOutcome present(final String externalDocumentNumber, final ExistingDocument document) {
        return new OrderOutcome(Status.ALREADY_PRESENT, externalDocumentNumber, document.id(), document.number(), document.entitySet(),
                null, null, null, null);
    }

    /** A cancelled order: {@code deleted} is the sales order removed for it, null when none had been created. */
    public static OrderOutcome cancelled(final String externalDocumentNumber, final ExistingDocument deleted) {
        return deleted == null ? new OrderOutcome(Status.CANCELLED, externalDocumentNumber, null, null, null, null, null, null, null)
                : new OrderOutcome(Status.CANCELLED, externalDocumentNumber, deleted.id(), deleted.number(), deleted.entitySet(), null, null, null, null);
    }

    public boolean isSuccess() {
        return status == Status.CREATED || status == Status.ALREADY_PRESENT;
    }
}
