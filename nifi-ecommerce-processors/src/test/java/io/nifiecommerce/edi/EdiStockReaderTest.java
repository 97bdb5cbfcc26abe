package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdiStockReaderTest {

    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    @Test
    void readsInvrptSampleActualStock() throws IOException {
        final List<StockRecord> records = StockSamples.read(StockSamples.sample("INVRPT-3pl-D96A.edi"), StockReadOptions.defaults());

        assertEquals(List.of(
                new StockRecord("TSHIRT-BLU-M", "3760123450001", "WH01", 120, "145", MARCH_1),
                new StockRecord("TSHIRT-BLU-L", "3760123450018", "WH01", 0, "145", MARCH_1)), records);
    }

    @Test
    void readsInvrptSampleWithInTransitQualifier() throws IOException {
        final StockReadOptions options = StockReadOptions.defaults().withQuantityQualifiers(Set.of("145", "198"));

        final List<StockRecord> records = StockSamples.read(StockSamples.sample("INVRPT-3pl-D96A.edi"), options);

        assertEquals(List.of(
                new StockRecord("TSHIRT-BLU-M", "3760123450001", "WH01", 120, "145", MARCH_1),
                new StockRecord("TSHIRT-BLU-M", "3760123450001", "WH01", 40, "198", MARCH_1),
                new StockRecord("TSHIRT-BLU-L", "3760123450018", "WH01", 0, "145", MARCH_1)), records);
    }

    @Test
    void readsX12SampleWithSdqBreakdown() throws IOException {
        final List<StockRecord> records = StockSamples.read(StockSamples.sample("X12-846-3pl-4010.edi"), StockReadOptions.defaults());

        assertEquals(List.of(
                new StockRecord("TSHIRT-BLU-M", "012345678905", "WH01", 80, "33", MARCH_1),
                new StockRecord("TSHIRT-BLU-M", "012345678905", "WH02", 40, "33", MARCH_1),
                new StockRecord("TSHIRT-BLU-L", "012345678912", "WH01", 0, "33", MARCH_1)), records);
    }

    @Test
    void unselectedQualifierYieldsNothing() throws IOException {
        final StockReadOptions onHand = StockReadOptions.defaults().withQuantityQualifiers(Set.of("17"));

        assertTrue(StockSamples.read(StockSamples.sample("X12-846-3pl-4010.edi"), onHand).isEmpty());
        assertTrue(StockSamples.read(StockSamples.sample("INVRPT-3pl-D96A.edi"), onHand).isEmpty());
    }

    @Test
    void forcedStandardMismatchIsSyntaxError() throws IOException {
        final byte[] x12 = StockSamples.sample("X12-846-3pl-4010.edi");
        final StockReadOptions edifact = StockReadOptions.defaults().withStandard(EdiStockReader.Standard.EDIFACT);

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(x12, edifact));

        assertEquals("ISA", e.segment());
        assertTrue(e.getMessage().contains("EDIFACT"), e.getMessage());
        assertEquals(2, StockSamples.read(StockSamples.sample("INVRPT-3pl-D96A.edi"), edifact).size());
    }

    @Test
    void wrongMessageSegmentCountNamesUnt() throws IOException {
        final String bad = StockSamples.sampleText("INVRPT-3pl-D96A.edi").replace("UNT+13+1", "UNT+12+1");

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(bad, StockReadOptions.defaults()));

        assertEquals("UNT", e.segment());
        assertEquals(14, e.segmentPosition());
        assertTrue(e.getMessage().contains("control count"), e.getMessage());
    }

    @Test
    void wrongInterchangeReferenceNamesUnz() throws IOException {
        final String bad = StockSamples.sampleText("INVRPT-3pl-D96A.edi").replace("UNZ+1+1002", "UNZ+1+1003");

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(bad, StockReadOptions.defaults()));

        assertEquals("UNZ", e.segment());
        assertEquals(15, e.segmentPosition());
    }

    @Test
    void wrongTransactionSegmentCountNamesSe() throws IOException {
        final String bad = StockSamples.sampleText("X12-846-3pl-4010.edi").replace("SE*11*0001", "SE*12*0001");

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(bad, StockReadOptions.defaults()));

        assertEquals("SE", e.segment());
        assertEquals(13, e.segmentPosition());
    }

    @Test
    void wrongLineItemCountNamesCtt() throws IOException {
        final String bad = StockSamples.sampleText("X12-846-3pl-4010.edi").replace("CTT*2*120", "CTT*3*120");

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(bad, StockReadOptions.defaults()));

        assertEquals("CTT", e.segment());
        assertEquals(12, e.segmentPosition());
    }

    @Test
    void nonNumericQuantityNamesQty() throws IOException {
        final String bad = StockSamples.sampleText("INVRPT-3pl-D96A.edi").replace("QTY+145:120", "QTY+145:12A");

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(bad, StockReadOptions.defaults()));

        assertEquals("QTY", e.segment());
        assertEquals(9, e.segmentPosition());
        assertTrue(e.getMessage().contains("12A"), e.getMessage());
    }

    @Test
    void truncatedInterchangeIsSyntaxError() throws IOException {
        final String whole = StockSamples.sampleText("INVRPT-3pl-D96A.edi");
        final String truncated = whole.substring(0, whole.indexOf("UNZ"));

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(truncated, StockReadOptions.defaults()));

        assertTrue(e.getMessage().contains("UNT"), e.getMessage());
    }

    @Test
    void textThatIsNotEdiIsSyntaxError() {
        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class,
                () -> StockSamples.read("sku,quantity\nA,1\n", StockReadOptions.defaults()));

        assertEquals("", e.segment());
        assertEquals(0, e.segmentPosition());
    }

    @Test
    void aByteThatIsNotUtf8IsReadAsTheLatinCharacterUnocMeans() throws IOException {
        // UNOC is ISO-8859-1: 0xC3 before an ASCII letter is not UTF-8, and is the letter Ã (it used to be a syntax error)
        final byte[] bytes = StockSamples.sample("INVRPT-3pl-D96A.edi");
        bytes[new String(bytes, StandardCharsets.US_ASCII).indexOf("TSHIRT-BLU-M")] = (byte) 0xC3;

        final List<StockRecord> records = StockSamples.read(bytes, StockReadOptions.defaults());

        assertEquals("\u00C3SHIRT-BLU-M", records.getFirst().sku());
    }

    @Test
    void emptyInputHasNoRecords() {
        assertTrue(StockSamples.read(new byte[0], StockReadOptions.defaults()).isEmpty());
    }

    @Test
    void invrptLocationsInsideLineReplaceLineTotal() {
        final String text = StockSamples.invrpt(
                "BGM+35+R1+9'", "DTM+137:20260302:102'",
                "LIN+1++4006381333931:EN'", "PIA+5+MUG-01:SA'",
                "QTY+145:30'",
                "LOC+18+WH01'", "QTY+145:20'",
                "LOC+18+WH02'", "QTY+145:10'",
                "LIN+2++4006381333948:EN'", "PIA+5+MUG-02:SA+4006381333948:SRV'", "QTY+145:7'");

        final List<StockRecord> records = StockSamples.read(text, StockReadOptions.defaults().withDefaultWarehouse("MAIN"));

        final LocalDate march2 = LocalDate.of(2026, 3, 2);
        assertEquals(List.of(
                new StockRecord("MUG-01", "4006381333931", "WH01", 20, "145", march2),
                new StockRecord("MUG-01", "4006381333931", "WH02", 10, "145", march2),
                new StockRecord("MUG-02", "4006381333948", "MAIN", 7, "145", march2)), records);
    }

    @Test
    void invrptFractionsAndSignsAndDecimalComma() {
        final String text = StockSamples.invrpt(
                "BGM+35+R1+9'",
                "LIN+1'", "PIA+5+A:SA'", "QTY+145:2.5'",
                "LIN+2'", "PIA+5+B:SA'", "QTY+145:-3'",
                "LIN+3'", "PIA+5+C:SA'", "QTY+145:4,0'");

        final List<StockRecord> records = StockSamples.read(text, StockReadOptions.defaults());

        assertEquals(List.of(2L, -3L, 4L), records.stream().map(StockRecord::quantity).toList());
        assertEquals(null, records.getFirst().date());
        assertEquals(null, records.getFirst().warehouse());
    }

    @Test
    void x12SdqOfUnselectedQuantityIsIgnored() {
        final String text = StockSamples.x12Inventory(
                "BIA*00*DD*R1*20260305~",
                "LIN*1*SK*CAP-01*EN*4006381333955~",
                "QTY*17*12*EA~", "SDQ*EA*92*WH01*12~",
                "QTY*33*9*EA~", "SDQ*EA*92*WH01*5*WH02*4~", "SDQ*EA*92*WH03*0~",
                "CTT*1~");

        final List<StockRecord> records = StockSamples.read(text, StockReadOptions.defaults());

        final LocalDate march5 = LocalDate.of(2026, 3, 5);
        assertEquals(List.of(
                new StockRecord("CAP-01", "4006381333955", "WH01", 5, "33", march5),
                new StockRecord("CAP-01", "4006381333955", "WH02", 4, "33", march5),
                new StockRecord("CAP-01", "4006381333955", "WH03", 0, "33", march5)), records);
    }

    @Test
    void x12SdqWithoutQuantityIsSyntaxError() {
        final String text = StockSamples.x12Inventory("BIA*00*DD*R1*20260305~", "LIN*1*SK*CAP-01~", "SDQ*EA*92*WH01*12~");

        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(text, StockReadOptions.defaults()));

        assertEquals("SDQ", e.segment());
        assertEquals(6, e.segmentPosition());
    }

    @Test
    void x12LineWarehouseAndConfiguredSkuQualifier() {
        final String text = StockSamples.x12Inventory(
                "BIA*00*DD*R1*20260305~",
                "LIN*1*VN*V-100*UP*012345678929~", "N1*WH*PARIS NORD*92*WH09~", "QTY*33*3*EA~");

        final List<StockRecord> records = StockSamples.read(text, StockReadOptions.defaults().withSkuQualifiers(Set.of("VN")));

        assertEquals(List.of(new StockRecord("V-100", "012345678929", "WH09", 3, "33", LocalDate.of(2026, 3, 5))), records);
    }

    @Test
    void otherMessagesInTheInterchangeAreSkipped() {
        final String text = "UNB+UNOC:3+A:ZZZ+B:ZZZ+260301:0600+5'"
                + "UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+9'LIN+1++4006381333931:EN'QTY+145:99'UNT+5+1'"
                + "UNH+2+INVRPT:D:96A:UN'LIN+1++4006381333931:EN'PIA+5+MUG-01:SA'QTY+145:4'UNT+5+2'"
                + "UNZ+2+5'";

        try (EdiStockReader reader = EdiStockReader.open(StockSamples.stream(text), StockReadOptions.defaults())) {
            assertTrue(reader.hasNext());
            assertEquals(new StockRecord("MUG-01", "4006381333931", null, 4, "145", null), reader.next());
            assertFalse(reader.hasNext());
            assertEquals(1, reader.messages());
            assertEquals(1, reader.interchanges());
        }
    }

    @Test
    void consecutiveInterchangesAreAllRead() throws IOException {
        final String one = StockSamples.sampleText("INVRPT-3pl-D96A.edi");

        assertEquals(4, StockSamples.read(one + one, StockReadOptions.defaults()).size());
    }

    @Test
    void streamsWithoutReadingAheadOfTheRecordsAskedFor() {
        // an input that never ends: a reader buffering its input would never return
        final InputStream endless = new EndlessInvrpt();
        try (EdiStockReader reader = EdiStockReader.open(endless, StockReadOptions.defaults())) {
            for (int i = 1; i <= 20_000; i++) {
                final StockRecord record = reader.next();
                assertEquals("SKU-" + i, record.sku());
                assertEquals(i % 97, record.quantity());
            }
        }
    }

    /** LIN groups without end, after a valid header. */
    private static final class EndlessInvrpt extends InputStream {

        private byte[] chunk = "UNB+UNOC:3+A:ZZZ+B:ZZZ+260301:0600+5'UNH+1+INVRPT:D:96A:UN'BGM+35+R+9'".getBytes(StandardCharsets.US_ASCII);
        private int offset;
        private int line;

        @Override
        public int read() {
            if (offset == chunk.length) {
                line++;
                chunk = ("LIN+" + line + "'PIA+5+SKU-" + line + ":SA'QTY+145:" + (line % 97) + "'").getBytes(StandardCharsets.US_ASCII);
                offset = 0;
            }
            return chunk[offset++];
        }
    }
}
