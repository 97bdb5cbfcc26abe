package io.nifiecommerce.amazon.settlement;

/**
 * A settlement report that cannot be read whole: nothing of it is booked. The code names the reason
 * ({@code NOT_A_SETTLEMENT_REPORT}, {@code BAD_ROW}, {@code BAD_AMOUNT}, {@code BAD_DATE}, {@code OTHER_SETTLEMENT}), the row
 * (1 = header) where it was found, 0 when it concerns the whole file.
 */
public final class SettlementReportException extends Exception {

    private final String code;
    private final int row;

    public SettlementReportException(final String code, final int row, final String message) {
        super(row > 0 ? "row " + row + ": " + message : message);
        this.code = code;
        this.row = row;
    }

    public String code() {
        return code;
    }

    public int row() {
        return row;
    }
}
