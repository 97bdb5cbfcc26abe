package io.nifiecommerce.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.fuzz.JsonMutator;
import io.nifiecommerce.fuzz.SampleMutator;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.processors.order.OrderRecords;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Marketplace orders (Mirakl OR11 {@code orders[]} items) with the fields a real operator adds (unknown fields, nulls,
 * numbers as strings), damaged bytes, wrong types and absurd values: the mapper gives an order that becomes a record,
 * or an {@link IllegalArgumentException} with a message; nothing else, no hang.
 */
class MiraklOrderMapperFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** An OR11 order as operators send it, with fields the mapper does not read (they must not disturb it). */
    static final String ORDER = """
            {"order_id":"FNAC-48213-A","commercial_id":"FNAC-48213","order_state":"SHIPPING","channel":{"code":"FR","label":"France"},
             "currency_iso_code":"EUR","created_date":"2026-12-05T21:14:03Z","last_updated_date":"2026-12-06T07:02:11.542Z",
             "order_tax_mode":"TAX_INCLUDED","shipping_type_code":"COLISSIMO","shipping_type_label":"Colissimo Domicile",
             "has_customer_message":false,"fulfillment":{"center":{"code":"DEFAULT"}},"order_additional_fields":[{"code":"gift","type":"BOOLEAN","value":"false"}],
             "customer":{"customer_id":"C-991","firstname":"Élodie","lastname":"Saint-Aubin","locale":"fr_FR",
               "shipping_address":{"firstname":"Élodie","lastname":"Saint-Aubin","street_1":"12, rue de l'Église","street_2":null,
                 "zip_code":"69003","city":"Lyon","country_iso_code":"FRA","phone":"+33 6 12 34 56 78"},
               "billing_address":{"firstname":"Élodie","lastname":"Saint-Aubin","street_1":"12, rue de l'Église","zip_code":"69003",
                 "city":"Lyon","country_iso_code":"FRA"}},
             "order_lines":[
               {"order_line_id":"FNAC-48213-A-1","order_line_state":"SHIPPING","offer_sku":"1896-S","product_title":"Chaise « Paris »",
                "quantity":2,"price_unit":74.95,"price":149.90,"shipping_price":"4.90","taxes":[{"code":"TVA-FR-20","amount":24.98,"rate":20}],
                "shipping_taxes":[{"code":"TVA-FR-20","amount":0.82,"rate":20}],"commission_fee":17.99,"product_medias":[]},
               {"order_line_id":"FNAC-48213-A-2","order_line_state":"REFUSED","offer_sku":"1900-S","product_title":"Table",
                "quantity":1,"price_unit":199,"price":199,"shipping_price":0,"taxes":[],"shipping_taxes":[]}],
             "total_price":154.80,"promotions":{"applied_promotions":[],"total_deduced_amount":0}}
            """;

    private static JsonNode sample() {
        try {
            return MAPPER.readTree(ORDER);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mapOrRefuse(final byte[] body) {
        final JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (final IOException e) {
            assertNotNull(e.getMessage());
            return;
        }
        try {
            final Order order = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> new MiraklOrderMapper("fnac-darty").map(new MiraklOrder(tree == null ? MAPPER.nullNode() : tree)));
            assertNotNull(order.sourceId());
            assertDoesNotThrow(() -> OrderRecords.toRecord(order));
        } catch (final IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
    }

    @Property(tries = 10)
    void theSampleWithUnknownFieldsMaps() {
        final Order order = new MiraklOrderMapper("fnac-darty").map(new MiraklOrder(sample()));
        assertEquals(1, order.lines().size(), "the refused line is not ordered");
        assertEquals("1896-S", order.lines().getFirst().sku());
    }

    @Property(tries = 800)
    void damagedBytesAreRefusedCleanly(@ForAll final long seed) {
        mapOrRefuse(SampleMutator.mutate(ORDER.getBytes(StandardCharsets.UTF_8), seed));
    }

    @Property(tries = 1500)
    void wrongTypesAndAbsurdValuesAreRefusedCleanly(@ForAll final long seed) {
        mapOrRefuse(JsonMutator.mutate(sample(), seed));
    }
}
