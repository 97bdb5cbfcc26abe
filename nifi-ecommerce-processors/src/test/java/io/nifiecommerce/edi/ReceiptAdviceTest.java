package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiptAdviceTest {

    /** The 3PL received a replenishment: 100 of which 4 damaged, and 50 of which 10 held for quality control. */
    static final String RECADV = """
            UNB+UNOC:3+5490000000017:14+5412345000013:14+261208:0700+RC9001'
            UNH+1+RECADV:D:96A:UN:EAN003'
            BGM+632+RC-9001+9'
            DTM+50:20261208:102'
            RFF+ON:106001'
            LIN+10000++5412345000020:EN'
            QTY+48:100'
            QTY+124:4'
            LIN+20000'
            PIA+5+1900-S:SA'
            QTY+194:40'
            QTY+195:10'
            GIN+BX+LOT-QC'
            UNT+13+1'
            UNZ+1+RC9001'
            """;

    static final String X12_944 = """
            ISA*00*          *00*          *ZZ*WAREHOUSE3PL   *ZZ*RETAILER       *261208*0700*U*00401*000000088*0*P*>~
            GS*AR*WAREHOUSE3PL*RETAILER*20261208*0700*88*X*004010~
            ST*944*0001~
            W17*F*20261208*RC-9002*106001~
            LX*1~
            W07*100*EA**SK*1896-S***LOT-7~
            W13*4*EA*01~
            N9*LI*10000~
            W14*100~
            SE*8*0001~
            GE*1*88~
            IEA*1*000000088~
            """;

    private static ReceiptAdvice read(final String edi) {
        return ReceiptAdviceReader.read(new ByteArrayInputStream(edi.getBytes(StandardCharsets.UTF_8)),
                EdiInterchangeReader.Strictness.STRICT).get(0);
    }

    static Map<String, Object> purchaseOrder() {
        return Map.of("id", "p-1", "number", "106001", "purchaseOrderLines", List.of(
                Map.of("id", "pl-1", "@odata.etag", "W/\"1\"", "sequence", 10000, "lineType", "Item", "lineObjectNumber", "1896-S",
                        "quantity", 100, "receivedQuantity", 0),
                Map.of("id", "pl-2", "@odata.etag", "W/\"2\"", "sequence", 20000, "lineType", "Item", "lineObjectNumber", "1900-S",
                        "quantity", 50, "receivedQuantity", 0)));
    }

    @Test
    void recadvSeparatesAvailableFromBlocked() {
        final ReceiptAdvice receipt = read(RECADV);
        assertEquals("106001", receipt.purchaseOrderNumber());
        assertEquals(LocalDate.of(2026, 12, 8), receipt.receiptDate());
        assertEquals(new BigDecimal("96"), receipt.lines().get(0).available());
        assertEquals(new BigDecimal("50"), receipt.lines().get(1).received());
        assertEquals(new BigDecimal("40"), receipt.lines().get(1).available());
        assertEquals("LOT-QC", receipt.lines().get(1).lot());
    }

    @Test
    void x12944ReadsReceivedAndOnHold() {
        final ReceiptAdvice receipt = read(X12_944);
        assertEquals("944", receipt.messageType());
        assertEquals("RC-9002", receipt.receiptId());
        final ReceiptAdvice.Line line = receipt.lines().get(0);
        assertEquals(10000, line.lineNumber());
        assertEquals("1896-S", line.itemNumber());
        assertEquals(new BigDecimal("96"), line.available());
        assertEquals("LOT-7", line.lot());
    }

    @Test
    void onlyAvailableQuantitiesAreReceivedAndEachBodyIsEditableOnMicrosoftsPage() {
        final List<ReceiptPosting.LineUpdate> plan = ReceiptPosting.plan(read(RECADV), purchaseOrder());
        assertEquals(List.of(new BigDecimal("96"), new BigDecimal("40")), plan.stream().map(ReceiptPosting.LineUpdate::receiveQuantity).toList());
        final BcApiPage page = BcApiPage.load("APIV2PurchaseOrderLines.Page.al");
        assertEquals("purchaseOrderLines", page.entitySet());
        for (final ReceiptPosting.LineUpdate update : plan) {
            update.body().keySet().forEach(field -> assertTrue(page.has(field) && page.isEditable(field), field));
        }
        assertTrue(SharedReferenceText.page("APIV2PurchaseOrders.Page.al").contains("procedure ReceiveAndInvoice(var ActionContext"));
    }

    @Test
    void moreThanOutstandingIsRefused() {
        final ShipmentPostingException e = assertThrows(ShipmentPostingException.class,
                () -> ReceiptPosting.plan(read(RECADV.replace("QTY+48:100", "QTY+48:200")), purchaseOrder()));
        assertEquals("OVER_RECEIPT", e.code());
    }

    static final class SharedReferenceText {
        static String page(final String name) {
            try {
                return java.nio.file.Files.readString(io.nifiecommerce.tracking.SharedReference.dir().resolve("bc-api-v2.0-pages").resolve(name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
