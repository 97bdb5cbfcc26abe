package io.nifiecommerce.processors.order;

import io.nifiecommerce.order.Address;
import io.nifiecommerce.order.Company;
import io.nifiecommerce.order.Customer;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import io.nifiecommerce.order.Segment;
import io.nifiecommerce.order.ShippingLine;
import org.apache.nifi.serialization.record.MapRecord;
import org.apache.nifi.serialization.record.Record;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrderRecordsTest {

    static Order sampleOrder() {
        final Address address = new Address("Élodie Lefèvre", null, "12 rue de la Paix", null, "Paris", null, "75002", "FR", null);
        return new Order("shopify", "gid://shopify/Order/1", "#1001", Segment.B2B, "web", "2026-11-01T10:00:00Z",
                "2026-11-02T10:00:00Z", "2026-11-01T10:00:00Z", null, "EUR", true, "PAID", "UNFULFILLED", "PO-77",
                List.of("validated", "wholesale"), "achats@boulangerie.fr", null,
                new Customer("gid://shopify/Customer/9", "achats@boulangerie.fr", "Élodie", "Lefèvre", null),
                new Company("gid://shopify/Company/3", "C00042", "Boulangerie Dupré", "gid://shopify/CompanyLocation/4", "LOC-1",
                        "Siège", "FR40303265045"),
                address, address,
                List.of(new OrderLine("gid://shopify/LineItem/1", "SKU-1", "3700000000012", "Pain", 3, new BigDecimal("4.10"),
                        new BigDecimal("0.30"), new BigDecimal("2.00"), new BigDecimal("0.2"))),
                List.of(new ShippingLine("standard", "Colissimo", new BigDecimal("6.90"), null, new BigDecimal("1.15"), new BigDecimal("0.2"))),
                new BigDecimal("12.00"), new BigDecimal("0.30"), new BigDecimal("6.90"), new BigDecimal("3.15"), new BigDecimal("18.90"));
    }

    @Test
    void roundTripsEveryField() {
        final Order order = sampleOrder();
        assertEquals(order, OrderRecords.fromRecord(OrderRecords.toRecord(order)));
    }

    @Test
    void segmentDefaultsFromCompanyAndAmountsAcceptNumbers() {
        final Map<String, Object> line = new HashMap<>();
        line.put("quantity", 2);
        line.put("unitPrice", 19.9);
        final Map<String, Object> values = new HashMap<>();
        values.put("name", "AMZ-1");
        values.put("lines", new Object[] {new MapRecord(OrderRecordSchema.LINE, line)});
        values.put("totalPrice", 39.8);
        final Order order = OrderRecords.fromRecord(new MapRecord(OrderRecordSchema.ORDER, values));
        assertEquals(Segment.B2C, order.segment());
        assertEquals(new BigDecimal("19.9"), order.lines().get(0).unitPrice());
        assertEquals(new BigDecimal("39.8"), order.lines().get(0).netAmount());
    }

    @Test
    void namesTheFieldThatIsWrong() {
        final Map<String, Object> line = new HashMap<>();
        line.put("quantity", "2.5");
        line.put("unitPrice", "1");
        final Map<String, Object> values = new HashMap<>();
        values.put("name", "X");
        values.put("lines", new Object[] {new MapRecord(OrderRecordSchema.LINE, Map.of("quantity", "1", "unitPrice", "1")),
            new MapRecord(OrderRecordSchema.LINE, line)});
        final Record record = new MapRecord(OrderRecordSchema.ORDER, values);
        final InvalidOrderRecordException e = assertThrows(InvalidOrderRecordException.class, () -> OrderRecords.fromRecord(record));
        assertEquals("lines[1].quantity", e.field());
    }
}
