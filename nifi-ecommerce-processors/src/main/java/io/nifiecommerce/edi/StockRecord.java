package io.nifiecommerce.edi;

import java.time.LocalDate;

/**
 * One stock quantity read from an inventory report (EDIFACT INVRPT or X12 846).
 *
 * @param sku       the supplier / seller article number (PIA SA, LIN SK), or null when the partner sends only a GTIN
 * @param gtin      the GTIN, EAN or UPC as sent, or null
 * @param warehouse the warehouse or location code the quantity applies to, or null when neither the message nor the
 *                  configuration names one
 * @param quantity  the quantity, fractional values rounded down
 * @param qualifier the quantity qualifier as sent (INVRPT 6063 such as 145, X12 673 such as 33)
 * @param date      the report date (INVRPT DTM+137, X12 BIA04), or null
 */
public record StockRecord(String sku, String gtin, String warehouse, long quantity, String qualifier, LocalDate date) {
}
