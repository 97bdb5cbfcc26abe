package io.nifiecommerce.edi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files whose control counts or references are wrong, or that were cut before their trailer (a transfer interrupted),
 * are refused with the segment that does not fit: never read as if complete.
 */
class BrokenEnvelopesTest {

    private static EdiSyntaxException refused(final String edi) {
        return assertThrows(EdiSyntaxException.class,
                () -> ShipmentConfirmationReader.read(new ByteArrayInputStream(edi.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "UNT+28+1'|UNT+27+1'|UNT",
        "UNT+28+1'|UNT+28+2'|UNT",
        "UNZ+1+DN7001'|UNZ+2+DN7001'|UNZ",
        "UNZ+1+DN7001'|UNZ+1+DN7002'|UNZ"})
    void edifactCountsAndReferences(final String right, final String wrong, final String segment) {
        final EdiSyntaxException e = refused(ShipmentConfirmationReaderTest.PARTIAL_DESADV.replace(right, wrong));
        assertEquals(segment, e.segment(), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "SE*11*0001~|SE*10*0001~|SE",
        "GE*1*77~|GE*2*77~|GE",
        "IEA*1*000000077~|IEA*1*000000078~|IEA"})
    void x12CountsAndReferences(final String right, final String wrong, final String segment) {
        final EdiSyntaxException e = refused(ShipmentConfirmationReaderTest.SHIPPING_ADVICE.replace(right, wrong));
        assertEquals(segment, e.segment(), e.getMessage());
    }

    @ParameterizedTest(name = "cut before {0}")
    @CsvSource({"UNZ", "UNT", "CNT"})
    void edifactCutBeforeItsTrailer(final String tag) {
        final String edi = ShipmentConfirmationReaderTest.PARTIAL_DESADV;
        final EdiSyntaxException e = refused(edi.substring(0, edi.indexOf(tag + "+")));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @ParameterizedTest(name = "cut before {0}")
    @CsvSource({"IEA", "GE", "SE"})
    void x12CutBeforeItsTrailer(final String tag) {
        final String edi = ShipmentConfirmationReaderTest.SHIPPING_ADVICE;
        final EdiSyntaxException e = refused(edi.substring(0, edi.indexOf(tag + "*")));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
