package io.nifiecommerce.amazon.settlement;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One amount of a settlement report: in the flat file V2 a row is one amount component (an order's item price, its
 * commission, a storage fee...); a row of the older flat file, which spreads amounts over several columns, gives one
 * line per filled amount column.
 *
 * @param row the report row it comes from (1 = the header row), for the accountant and for error messages
 * @param postedDate when Amazon posted it, or null when the report leaves it empty
 */
public record SettlementLine(int row, String transactionType, String orderId, String sku, String amountType,
                             String amountDescription, BigDecimal amount, Instant postedDate, String marketplaceName) {
}
