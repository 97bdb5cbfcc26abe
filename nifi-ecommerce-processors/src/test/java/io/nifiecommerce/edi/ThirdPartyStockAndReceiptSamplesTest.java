package io.nifiecommerce.edi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The third-party INVRPT and 944 samples of reference/edi-exchange-samples (go-edilib, x12-types): none is
 * envelope-valid as published, so each goes to review naming the segment; the INVRPT body, which is EANCOM's own
 * example, is also read inside an envelope written here, to check its content.
 */
class ThirdPartyStockAndReceiptSamplesTest {

    private static final String INVRPT = "go-edilib/invrpt1.txt";

    private static String invrpt() throws IOException {
        return Files.readString(ExchangeSamples.path(INVRPT), StandardCharsets.US_ASCII);
    }

    @Test
    void eancomInvrptPublishedWithoutUnbIsRefusedAtUnh() throws IOException {
        final EdiSyntaxException e = assertThrows(EdiSyntaxException.class, () -> StockSamples.read(invrpt(), StockReadOptions.defaults()));

        assertEquals("UNH", e.segment());
        assertEquals(1, e.segmentPosition());
        assertTrue(e.getMessage().contains("without an interchange header"), e.getMessage());
    }

    @Test
    void eancomInvrptSumsEachGtinsStockOverItsBestBeforeBatches() throws IOException {
        // the message unchanged (UNT+31 counts it right), between a UNB and UNZ for the parties of its NAD+GY / NAD+CO
        final String interchange = "UNB+UNOA:3+5412345000013:14+5410738100005:14+020301:1200+1'" + invrpt() + "UNZ+1+1'";

        final List<StockRecord> records = StockSamples.read(interchange, StockReadOptions.defaults());

        // LIN 1 and 2 split their actual stock (QTY+145) into two INV groups by best-before date (DTM+361)
        final LocalDate documentDate = LocalDate.of(2002, 3, 1);
        assertEquals(List.of(
                new StockRecord(null, "5412345100102", null, 55 + 185, "145", documentDate),
                new StockRecord(null, "5412345100560", null, 12 + 100, "145", documentDate),
                new StockRecord(null, "5412345100782", null, 325, "145", documentDate)), records);
    }

    private static EdiSyntaxException refusedReceipt(final String sample, final EdiInterchangeReader.Strictness strictness) {
        return assertThrows(EdiSyntaxException.class, () -> ReceiptAdviceReader.read(ExchangeSamples.open(sample), strictness));
    }

    @Test
    void x12Bare944TransactionSetIsRefusedAtSt() {
        final EdiSyntaxException e = refusedReceipt("x12-types/944-5010-transaction.edi", EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT);

        assertEquals("ST", e.segment());
        assertEquals(1, e.segmentPosition());
        assertTrue(e.getMessage().contains("starts with ISA"), e.getMessage());
    }

    @Test
    void x12944TransmissionHasAOneCharacterSenderInGs() {
        final EdiSyntaxException e = refusedReceipt("x12-types/944-5010-transmission.edi", EdiInterchangeReader.Strictness.STRICT);

        assertEquals("GS", e.segment());
        assertEquals(2, e.segmentPosition());
        assertTrue(e.getMessage().contains("element 2"), e.getMessage());
    }

    @Test
    void x12944TransmissionCountsItsSegmentsWrong() {
        // read leniently past GS02: SE*4 for five segments (ST, W17, LX, W07, SE)
        final EdiSyntaxException e = refusedReceipt("x12-types/944-5010-transmission.edi", EdiInterchangeReader.Strictness.TOLERATE_ELEMENT_FORMAT);

        assertEquals("SE", e.segment());
        assertEquals(7, e.segmentPosition());
        assertTrue(e.getMessage().contains("control count does not match"), e.getMessage());
    }
}
