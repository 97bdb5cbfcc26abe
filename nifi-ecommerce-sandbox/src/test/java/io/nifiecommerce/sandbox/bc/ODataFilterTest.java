package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ODataFilterTest {

    private static final BcEntityType ORDER = BcEntityType.SALES_ORDER;

    private static ObjectNode order(final String reference, final String amount, final String modified) {
        final ObjectNode order = EntityBody.blank(ORDER);
        order.put("externalDocumentNumber", reference).put("totalAmountIncludingTax", new BigDecimal(amount))
                .put("lastModifiedDateTime", modified).put("orderDate", modified.substring(0, 10))
                .put("customerId", "6f0e7b1c-2d3a-4b5c-8d9e-0a1b2c3d4e5f").put("status", "Draft").put("shipToName", "O'Brien & Co");
        return order;
    }

    private static final ObjectNode A = order("SHOP-1", "10.5", "2026-08-18T20:05:51.677Z");
    private static final ObjectNode B = order("SHOP-2", "99", "2026-08-19T08:00:00Z");

    private static List<Boolean> matches(final String filter) {
        final ODataFilter parsed = ODataFilter.parse(filter, ORDER);
        return List.of(parsed.test(A), parsed.test(B));
    }

    @Test
    void comparesEveryLiteralType() {
        assertEquals(List.of(true, false), matches("externalDocumentNumber eq 'SHOP-1'"));
        assertEquals(List.of(false, true), matches("totalAmountIncludingTax gt 10.5"));
        assertEquals(List.of(true, true), matches("totalAmountIncludingTax ge 10.5"));
        assertEquals(List.of(true, false), matches("totalAmountIncludingTax lt 11"));
        assertEquals(List.of(false, true), matches("lastModifiedDateTime gt 2026-08-18T20:05:51.677Z"));
        assertEquals(List.of(true, false), matches("lastModifiedDateTime le 2026-08-18T22:05:51.677+02:00"));
        assertEquals(List.of(false, true), matches("orderDate ge 2026-08-19"));
        assertEquals(List.of(true, true), matches("customerId eq 6F0E7B1C-2D3A-4B5C-8D9E-0A1B2C3D4E5F"));
        assertEquals(List.of(true, true), matches("shipToName eq 'O''Brien & Co'"));
        assertEquals(List.of(true, true), matches("fullyShipped eq false"));
    }

    @Test
    void codeFieldsCompareUpperCased() {
        assertEquals(List.of(true, false), matches("externalDocumentNumber eq 'shop-1'"));
    }

    @Test
    void andBindsTighterThanOr() {
        assertEquals(List.of(true, false), matches("externalDocumentNumber eq 'SHOP-1' or externalDocumentNumber eq 'SHOP-2' and totalAmountIncludingTax lt 50"));
        assertEquals(List.of(true, false), matches("(externalDocumentNumber eq 'SHOP-1' or externalDocumentNumber eq 'SHOP-2') and totalAmountIncludingTax lt 50"));
        assertEquals(List.of(false, false), matches("(externalDocumentNumber eq 'SHOP-1' or externalDocumentNumber eq 'SHOP-2') and totalAmountIncludingTax lt 5"));
        assertEquals(List.of(false, true), matches("not (externalDocumentNumber eq 'SHOP-1')"));
        assertEquals(List.of(false, true), matches("externalDocumentNumber ne 'SHOP-1'"));
    }

    @Test
    void inListsAndFunctions() {
        assertEquals(List.of(true, true), matches("externalDocumentNumber in ('SHOP-1', 'SHOP-2', 'SHOP-3')"));
        assertEquals(List.of(false, true), matches("externalDocumentNumber in ('SHOP-2')"));
        assertEquals(List.of(true, true), matches("startswith(externalDocumentNumber,'SHOP')"));
        assertEquals(List.of(false, true), matches("endswith(externalDocumentNumber, '2')"));
        assertEquals(List.of(true, true), matches("contains(shipToName,'Brien')"));
    }

    @Test
    void rejectsBadExpressionsWithBcErrors() {
        final BcApiError unknown = assertThrows(BcApiError.class, () -> matches("trackingNumber eq 'X'"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage().contains("Could not find a property named 'trackingNumber' on type 'Microsoft.NAV.salesOrder'"));
        final BcApiError types = assertThrows(BcApiError.class, () -> matches("totalAmountIncludingTax eq 'ten'"));
        assertTrue(types.getMessage().contains("incompatible types"));
        assertThrows(BcApiError.class, () -> matches("externalDocumentNumber eq 'open"));
        assertThrows(BcApiError.class, () -> matches("(externalDocumentNumber eq 'A'"));
        assertThrows(BcApiError.class, () -> matches("externalDocumentNumber eq 'A' or"));
        assertThrows(BcApiError.class, () -> matches("externalDocumentNumber like 'A'"));
        assertThrows(BcApiError.class, () -> matches("externalDocumentNumber eq 'A' 'B'"));
        assertFalse(assertThrows(BcApiError.class, () -> matches("lastModifiedDateTime gt 2026-13-45T00:00:00Z")).getMessage().isEmpty());
    }
}
