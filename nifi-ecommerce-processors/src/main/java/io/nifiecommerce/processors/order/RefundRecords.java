package io.nifiecommerce.processors.order;

import io.nifiecommerce.order.Refund;
import io.nifiecommerce.order.RefundLine;
import io.nifiecommerce.order.RefundShipping;
import org.apache.nifi.serialization.record.Record;

import java.util.ArrayList;
import java.util.List;

/** Converts canonical refunds to NiFi records and back, with the leniency and strictness of {@link OrderRecords}. */
public final class RefundRecords {

    private RefundRecords() {
    }

    public static Record toRecord(final Refund refund) {
        return OrderRecords.record(RefundRecordSchema.REFUND, "source", refund.source(), "sourceId", refund.sourceId(),
                "orderSourceId", refund.orderSourceId(), "orderName", refund.orderName(), "orderCancelled", refund.orderCancelled(),
                "createdAt", refund.createdAt(), "currency", refund.currency(), "taxesIncluded", refund.taxesIncluded(), "note", refund.note(),
                "lines", refund.lines().stream().map(l -> OrderRecords.record(RefundRecordSchema.LINE, "lineId", l.lineId(), "sku", l.sku(),
                        "gtin", l.gtin(), "title", l.title(), "quantity", l.quantity(), "subtotal", OrderRecords.text(l.subtotal()),
                        "taxAmount", OrderRecords.text(l.taxAmount()), "restockType", l.restockType(), "locationId", l.locationId())).toArray(),
                "shipping", refund.shipping().stream().map(s -> OrderRecords.record(RefundRecordSchema.SHIPPING,
                        "subtotal", OrderRecords.text(s.subtotal()), "taxAmount", OrderRecords.text(s.taxAmount()))).toArray(),
                "totalRefunded", OrderRecords.text(refund.totalRefunded()));
    }

    public static Refund fromRecord(final Record record) {
        final String id = OrderRecords.string(record, "sourceId");
        if (id == null || id.isBlank()) {
            throw new InvalidOrderRecordException("sourceId", "the refund has no id, which keys its credit memo");
        }
        final String orderName = OrderRecords.string(record, "orderName");
        if (orderName == null || orderName.isBlank()) {
            throw new InvalidOrderRecordException("orderName", "the refund does not name its order");
        }
        final List<RefundLine> lines = new ArrayList<>();
        final List<Record> lineRecords = OrderRecords.children(record, "lines");
        for (int i = 0; i < lineRecords.size(); i++) {
            final Record r = lineRecords.get(i);
            final String path = "lines[" + i + "]";
            final Object quantity = r.getValue("quantity");
            if (quantity == null) {
                throw new InvalidOrderRecordException(path + ".quantity", "missing");
            }
            lines.add(new RefundLine(OrderRecords.string(r, "lineId"), OrderRecords.string(r, "sku"), OrderRecords.string(r, "gtin"),
                    OrderRecords.string(r, "title"), OrderRecords.wholeNumber(quantity, path + ".quantity"),
                    OrderRecords.decimal(r, "subtotal", path + ".subtotal"), OrderRecords.decimal(r, "taxAmount", path + ".taxAmount"),
                    OrderRecords.string(r, "restockType"), OrderRecords.string(r, "locationId")));
        }
        final List<RefundShipping> shipping = new ArrayList<>();
        final List<Record> shippingRecords = OrderRecords.children(record, "shipping");
        for (int i = 0; i < shippingRecords.size(); i++) {
            final Record r = shippingRecords.get(i);
            shipping.add(new RefundShipping(OrderRecords.decimal(r, "subtotal", "shipping[" + i + "].subtotal"),
                    OrderRecords.decimal(r, "taxAmount", "shipping[" + i + "].taxAmount")));
        }
        return new Refund(OrderRecords.string(record, "source"), id, OrderRecords.string(record, "orderSourceId"), orderName,
                OrderRecords.bool(record, "orderCancelled"), OrderRecords.string(record, "createdAt"), OrderRecords.string(record, "currency"),
                OrderRecords.bool(record, "taxesIncluded"), OrderRecords.string(record, "note"), lines, shipping,
                OrderRecords.decimal(record, "totalRefunded", "totalRefunded"));
    }
}
