package io.nifiecommerce.amazon.settlement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Amazon settlement report, tab-separated, by its header's column names: the flat file V2
 * (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: one amount per row in {@code amount-type}, {@code amount-description},
 * {@code amount}) and the older flat file (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE: amounts spread over
 * {@code price-amount}, {@code item-related-fee-amount}... columns). The first data row carries the settlement
 * (id, start and end dates, deposit date, total amount, currency); every other row is an amount of it.
 * The whole report is read or none of it: a row that cannot be read stops the parse with its row number and reason.
 */
public final class SettlementReportParser {

    /** The older flat file's amount columns, each with the column naming its type and the V2 amount type it stands for. */
    private static final List<String[]> V1_AMOUNTS = List.of(
            new String[] {"price-amount", "price-type", "ItemPrice"},
            new String[] {"item-related-fee-amount", "item-related-fee-type", "ItemFees"},
            new String[] {"shipment-fee-amount", "shipment-fee-type", "ShipmentFees"},
            new String[] {"order-fee-amount", "order-fee-type", "OrderFees"},
            new String[] {"promotion-amount", "promotion-type", "Promotion"},
            new String[] {"direct-payment-amount", "direct-payment-type", "DirectPayment"},
            new String[] {"misc-fee-amount", null, "MiscFees"},
            new String[] {"other-fee-amount", "other-fee-reason-description", "OtherFees"},
            new String[] {"other-amount", null, "other-transaction"});

    private SettlementReportParser() {
    }

    public static SettlementReport parse(final Reader source) throws IOException, SettlementReportException {
        final BufferedReader reader = source instanceof BufferedReader buffered ? buffered : new BufferedReader(source);
        final String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new SettlementReportException("NOT_A_SETTLEMENT_REPORT", 0, "the report is empty");
        }
        final String[] header = split(stripBom(headerLine));
        final Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(header[i].trim().toLowerCase(java.util.Locale.ROOT), i);
        }
        for (final String required : List.of("settlement-id", "settlement-start-date", "settlement-end-date", "total-amount", "currency", "transaction-type")) {
            if (!columns.containsKey(required)) {
                throw new SettlementReportException("NOT_A_SETTLEMENT_REPORT", 1, "no '" + required + "' column in the header");
            }
        }
        final boolean v2 = columns.containsKey("amount");
        if (!v2 && columns.keySet().stream().noneMatch(c -> c.endsWith("-amount") && !c.equals("total-amount"))) {
            throw new SettlementReportException("NOT_A_SETTLEMENT_REPORT", 1, "no amount column in the header");
        }
        Row settlement = null;
        final List<SettlementLine> lines = new ArrayList<>();
        int number = 1;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            final String[] values = split(text);
            if (values.length > header.length) {
                throw new SettlementReportException("BAD_ROW", number, values.length + " columns, the header has " + header.length);
            }
            final Row row = new Row(number, values, columns);
            if (settlement == null) {
                settlement = row;
                if (!row.get("transaction-type").isEmpty() || row.get("total-amount").isEmpty()) {
                    throw new SettlementReportException("BAD_ROW", number, "the first row must carry the settlement's total-amount and no transaction");
                }
                continue;
            }
            final String id = row.get("settlement-id");
            if (!id.isEmpty() && !id.equals(settlement.get("settlement-id"))) {
                throw new SettlementReportException("OTHER_SETTLEMENT", number, "settlement " + id + " in the report of settlement " + settlement.get("settlement-id"));
            }
            if (v2) {
                if (row.get("amount").isEmpty()) {
                    throw new SettlementReportException("BAD_ROW", number, "no amount");
                }
                lines.add(line(row, row.get("amount-type"), row.get("amount-description"), row.amount("amount")));
            } else {
                for (final String[] column : V1_AMOUNTS) {
                    if (!row.get(column[0]).isEmpty()) {
                        final String description = column[1] == null ? column[2] : row.get(column[1]);
                        lines.add(line(row, column[2], description.isEmpty() ? column[2] : description, row.amount(column[0])));
                    }
                }
            }
        }
        if (settlement == null) {
            throw new SettlementReportException("NOT_A_SETTLEMENT_REPORT", 0, "the report has a header and no settlement row");
        }
        final String settlementId = settlement.require("settlement-id");
        final String currency = settlement.require("currency");
        return new SettlementReport(settlementId, settlement.date("settlement-start-date"), settlement.date("settlement-end-date"),
                settlement.get("deposit-date").isEmpty() ? null : settlement.date("deposit-date"), settlement.amount("total-amount"),
                currency, lines);
    }

    private static SettlementLine line(final Row row, final String amountType, final String description, final BigDecimal amount)
            throws SettlementReportException {
        final String posted = !row.get("posted-date-time").isEmpty() ? "posted-date-time" : "posted-date";
        return new SettlementLine(row.number, row.get("transaction-type"), row.get("order-id"), row.get("sku"), amountType, description,
                amount, row.get(posted).isEmpty() ? null : row.date(posted), row.get("marketplace-name"));
    }

    private static String[] split(final String line) {
        final String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        return text.split("\t", -1);
    }

    private static String stripBom(final String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** A data row, its values read by column name. */
    private record Row(int number, String[] values, Map<String, Integer> columns) {

        String get(final String column) {
            final Integer index = columns.get(column);
            return index == null || index >= values.length ? "" : values[index].trim();
        }

        String require(final String column) throws SettlementReportException {
            final String value = get(column);
            if (value.isEmpty()) {
                throw new SettlementReportException("BAD_ROW", number, "no " + column);
            }
            return value;
        }

        BigDecimal amount(final String column) throws SettlementReportException {
            try {
                return ReportAmounts.parse(require(column));
            } catch (final NumberFormatException e) {
                throw new SettlementReportException("BAD_AMOUNT", number, column + ": " + e.getMessage());
            }
        }

        Instant date(final String column) throws SettlementReportException {
            try {
                return ReportDates.parse(require(column));
            } catch (final DateTimeParseException e) {
                throw new SettlementReportException("BAD_DATE", number, column + ": " + e.getMessage());
            }
        }
    }
}
