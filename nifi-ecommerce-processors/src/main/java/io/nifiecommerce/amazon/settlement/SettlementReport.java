package io.nifiecommerce.amazon.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An Amazon settlement report (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, or the older flat file): the settlement
 * period, the deposit Amazon made for it ({@code total-amount}, negative when Amazon charges the seller) and every
 * amount of the period.
 */
public record SettlementReport(String settlementId, Instant start, Instant end, Instant depositDate, BigDecimal totalAmount,
                               String currency, List<SettlementLine> lines) {

    public SettlementReport {
        lines = List.copyOf(lines);
    }

    /** The sum of the report's amounts, which Amazon's total-amount must equal. */
    public BigDecimal sumOfLines() {
        return lines.stream().map(SettlementLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
