package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A sales order as BC holds it while it is still open, with what matters to decide about a change
 * in the shop: its lines and how much of them has shipped.
 *
 * @param etag the {@code @odata.etag} read, for a DELETE that must not overtake a change made in BC meanwhile
 */
public record OpenSalesOrder(String id, String number, String etag, String status, List<Line> lines) {

    /** One salesOrderLine: {@code lineObjectNumber} is the item number for lines of type Item. */
    public record Line(String lineType, String lineObjectNumber, BigDecimal quantity, BigDecimal shippedQuantity) {

        boolean isItem() {
            return "Item".equalsIgnoreCase(lineType);
        }
    }

    public OpenSalesOrder {
        lines = List.copyOf(lines);
    }

    /** Reads a salesOrder answered with {@code $expand=salesOrderLines}. */
    static OpenSalesOrder of(final JsonNode order) {
        final List<Line> lines = new ArrayList<>();
        for (final JsonNode line : order.path("salesOrderLines")) {
            lines.add(new Line(line.path("lineType").asText(""), line.path("lineObjectNumber").asText(""),
                    decimal(line.path("quantity")), decimal(line.path("shippedQuantity"))));
        }
        return new OpenSalesOrder(order.path("id").asText(null), order.path("number").asText(null),
                order.path("@odata.etag").asText(null), order.path("status").asText(null), lines);
    }

    /** Whether any unit has shipped: such an order can no longer be deleted, and BC refuses to. */
    public boolean anyShipped() {
        return lines.stream().anyMatch(line -> line.shippedQuantity().signum() > 0);
    }

    private static BigDecimal decimal(final JsonNode value) {
        return value.isNumber() ? value.decimalValue() : value.isTextual() && !value.asText().isBlank() ? new BigDecimal(value.asText()) : BigDecimal.ZERO;
    }
}
