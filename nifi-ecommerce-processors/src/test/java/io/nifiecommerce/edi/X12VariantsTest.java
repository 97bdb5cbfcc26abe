package io.nifiecommerce.edi;

import io.nifiecommerce.fuzz.EdiText;
import io.nifiecommerce.tracking.RawTrackingEvent;
import io.nifiecommerce.tracking.X12ShipmentStatusReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The same X12 content written with other separators (element, component, repetition, segment terminator, a line
 * break as terminator or after it), a byte order mark, and under interchange versions 00401 to 00801, must read to the
 * same records in every X12 reader (214, 846, 945, 944).
 */
class X12VariantsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** element, component, repetition (0: none, version 00401), segment end. */
    private record Separators(char element, char component, char repetition, String segmentEnd) {
    }

    private static final List<Separators> SEPARATORS = List.of(
            new Separators('*', '>', (char) 0, "~"),
            new Separators('*', '>', (char) 0, "~\r\n"),
            new Separators('*', ':', (char) 0, "\n"),
            new Separators('|', '\\', (char) 0, "~\n"),
            new Separators('^', '>', (char) 0, "'"),
            new Separators('*', ':', '^', "~\n"),
            new Separators('|', '>', '!', "\r\n"));
    // Not covered: information separators (0x1C..0x1F) as X12 delimiters: StAEDI, reading with extraneous characters
    // ignored (needed for line breaks between segments), drops them inside the ISA.

    private record Reader(String name, String sample, Function<byte[], List<?>> read) {
    }

    private static List<Reader> readers() {
        return List.of(
                new Reader("214", sampleText("X12-214-ups-4010.edi"), X12VariantsTest::readStatus),
                new Reader("846", sampleText("X12-846-3pl-4010.edi"),
                        bytes -> StockSamples.read(bytes, StockReadOptions.defaults().withQuantityQualifiers(Set.of("33")))),
                new Reader("945", ShipmentConfirmationReaderTest.SHIPPING_ADVICE,
                        bytes -> ShipmentConfirmationReader.read(new ByteArrayInputStream(bytes))),
                new Reader("944", ReceiptAdviceTest.X12_944,
                        bytes -> ReceiptAdviceReader.read(new ByteArrayInputStream(bytes), EdiInterchangeReader.Strictness.STRICT)));
    }

    private static String sampleText(final String name) {
        try {
            return StockSamples.sampleText(name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<?> readStatus(final byte[] bytes) {
        final List<RawTrackingEvent> events = new ArrayList<>();
        try {
            new X12ShipmentStatusReader(PARIS).read(new ByteArrayInputStream(bytes), events::add);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** ISA12 and GS08 of another version; 00402 and later carry the repetition separator in ISA11. */
    private static String version(final String x12, final String isa, final String gs) {
        return x12.replace("*U*00401*", "*U*" + isa + "*").replace("*X*004010~", "*X*" + gs + "~");
    }

    @TestFactory
    Stream<DynamicTest> separatorsVersionsAndBom() {
        return readers().stream().flatMap(reader -> {
            final List<?> expected = reader.read().apply(EdiText.utf8(reader.sample()));
            assertFalse(expected.isEmpty(), reader.name());
            final List<DynamicTest> tests = new ArrayList<>();
            for (final Separators s : SEPARATORS) {
                for (final boolean bom : List.of(false, true)) {
                    final String source = s.repetition() == 0 ? reader.sample() : version(reader.sample(), "00501", "005010");
                    final String text = EdiText.rewriteX12(source, s.element(), s.component(), s.repetition(), s.segmentEnd());
                    tests.add(DynamicTest.dynamicTest(reader.name() + " " + s + (bom ? " BOM" : ""),
                            () -> assertEquals(expected, reader.read().apply(EdiText.bytes(text, StandardCharsets.UTF_8, bom)), text)));
                }
            }
            for (final String[] version : List.of(new String[] {"00401", "004010"}, new String[] {"00403", "004030"},
                    new String[] {"00501", "005010"}, new String[] {"00601", "006010"}, new String[] {"00701", "007010"},
                    new String[] {"00801", "008010"})) {
                final String text = EdiText.rewriteX12(version(reader.sample(), version[0], version[1]), '*', '>',
                        version[0].equals("00401") ? 0 : '^', "~\n");
                tests.add(DynamicTest.dynamicTest(reader.name() + " " + version[0] + "/" + version[1],
                        () -> assertEquals(expected, reader.read().apply(EdiText.utf8(text)), text)));
            }
            return tests.stream();
        });
    }

    /** Two interchanges in one file (a VAN's batch), with and without a line break between them. */
    @TestFactory
    Stream<DynamicTest> twoInterchangesInOneFile() {
        return readers().stream().flatMap(reader -> Stream.of("", "\r\n").map(between -> DynamicTest.dynamicTest(
                reader.name() + (between.isEmpty() ? " back to back" : " CRLF between"), () -> {
                    final List<?> one = reader.read().apply(EdiText.utf8(reader.sample()));
                    final String single = EdiText.rewriteX12(reader.sample(), '*', '>', (char) 0, "~");
                    final List<Object> doubled = new ArrayList<>(one);
                    doubled.addAll(one);
                    assertEquals(doubled, reader.read().apply(EdiText.utf8(single + between + single)));
                })));
    }
}
