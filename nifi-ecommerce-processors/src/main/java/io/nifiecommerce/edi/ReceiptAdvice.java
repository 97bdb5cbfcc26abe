package io.nifiecommerce.edi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the 3PL received for a replenishment (a BC purchase order), read from an EDIFACT RECADV or an X12 944.
 *
 * @param messageType RECADV or 944
 * @param receiptId the 3PL's receipt number (BGM 1004 / W17-03)
 * @param purchaseOrderNumber our BC purchase order number (RFF+ON / W17-04)
 * @param receiptDate DTM+50 (else 137) / W17-02
 * @param lines the received lines
 */
public record ReceiptAdvice(String messageType, String interchangeReference, String messageReference, String receiptId,
                            String purchaseOrderNumber, LocalDate receiptDate, List<Line> lines) {

    public ReceiptAdvice {
        lines = List.copyOf(lines);
    }

    /**
     * A received line. {@code available} is what may be sold; {@code blocked} was received but is damaged, refused or held
     * for quality control and must stay out of available stock.
     *
     * @param received QTY+48 / W07-01 (everything that arrived)
     * @param blocked QTY+195 (received, not accepted) + QTY+124 (damaged) / W13-01 (damaged or on hold); zero when none
     */
    public record Line(Integer lineNumber, String itemNumber, String gtin, String lot, BigDecimal received, BigDecimal blocked) {

        /** received - blocked, never below zero. */
        public BigDecimal available() {
            final BigDecimal available = received.subtract(blocked);
            return available.signum() < 0 ? BigDecimal.ZERO : available;
        }
    }
}
