package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.nifiecommerce.tracking.SharedReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StockAdjustmentsTest {

    @Test
    void theReportsOwnNumberKeysItsAdjustments() throws Exception {
        try (EdiStockReader reader = EdiStockReader.open(Files.newInputStream(SharedReference.dir().resolve("edi-samples/INVRPT-3pl-D96A.edi")),
                StockReadOptions.defaults())) {
            reader.forEachRemaining(r -> { });
            assertEquals("INVR-20260301", reader.documentNumber(), "BGM 1004");
            assertEquals("INVR-20260301", StockAdjustments.documentNumber(reader.documentNumber(), new byte[32]));
        }
        final String x12 = "ISA*00*          *00*          *ZZ*ACME3PL        *ZZ*SHOPERP        *260301*0600*U*00401*000000905*0*P*>~"
                + "GS*IB*ACME3PL*SHOPERP*20260301*0600*905*X*004010~ST*846*0001~BIA*00*MM*RPT-846-1*20260301~"
                + "LIN**SK*TSHIRT-BLU-M~QTY*33*5~SE*5*0001~GE*1*905~IEA*1*000000905~";
        try (EdiStockReader reader = EdiStockReader.open(new ByteArrayInputStream(x12.getBytes(StandardCharsets.US_ASCII)), StockReadOptions.defaults())) {
            reader.forEachRemaining(r -> { });
            assertEquals("RPT-846-1", reader.documentNumber(), "BIA03");
        }
    }

    @Test
    void aNumberBcCannotHoldOrNoNumberFallsBackOnADigest() {
        final byte[] content = StockAdjustments.contentDigest().digest("report".getBytes(StandardCharsets.UTF_8));
        final String fromContent = StockAdjustments.documentNumber(null, content);
        assertEquals(20, fromContent.length());
        assertEquals(fromContent, StockAdjustments.documentNumber(" ", content), "the same report, the same number");
        final String longNumber = "STOCK-REPORT-2026-12-06-WAREHOUSE-01";
        assertEquals(20, StockAdjustments.documentNumber(longNumber, content).length());
        assertNotEquals(StockAdjustments.documentNumber(longNumber, content), StockAdjustments.documentNumber(longNumber + "2", content));
        assertEquals("INV-7", StockAdjustments.documentNumber("inv-7", content), "BC upper-cases a Code field");
    }

    @Test
    void theBodyCarriesTheSignedDifference() {
        final StockReconciliation.Difference fewer = new StockReconciliation.Difference("1896-S", null, new BigDecimal("50"), new BigDecimal("42"));
        assertEquals("{\"itemNumber\":\"1896-S\",\"quantity\":-8,\"documentNumber\":\"INV-1\"}", StockAdjustments.body(fewer, "INV-1").toString());
        assertNull(StockAdjustments.body(fewer, "INV-1").get("entryType"));
    }
}
