package io.nifiecommerce.edi;

import io.nifiecommerce.fuzz.EdiText;
import io.nifiecommerce.fuzz.EdiText.Delimiters;
import io.nifiecommerce.fuzz.EdiText.Segment;
import io.nifiecommerce.tracking.IftstaReader;
import io.nifiecommerce.tracking.RawTrackingEvent;
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
 * The same EDIFACT content written the ways partners' tools write it must read to the same records, in every reader:
 * with or without UNA, other delimiters and release character, a decimal comma, CRLF, LF or no line breaks, a byte
 * order mark, any syntax identifier UNOA..UNOY and level 1 to 4, any directory D93A..D21B, several messages and
 * interchanges in one file.
 */
class EdifactVariantsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Delimiters seen in the field: the defaults, a decimal comma, and a whole custom set announced in UNA. */
    private static final List<Delimiters> DELIMITERS = List.of(Delimiters.DEFAULT,
            new Delimiters(':', '+', ',', '?', ' ', '\''),
            new Delimiters('>', '|', '.', '\\', ' ', '~'),
            new Delimiters('^', '*', ',', '!', ' ', '#'));

    private static final List<String> LINE_BREAKS = List.of("", "\n", "\r\n");

    private record Reader(String name, String sample, Function<byte[], List<?>> read) {
    }

    private static List<Reader> readers() {
        return List.of(
                new Reader("DESADV", ShipmentConfirmationReaderTest.PARTIAL_DESADV,
                        bytes -> ShipmentConfirmationReader.read(new ByteArrayInputStream(bytes))),
                new Reader("RECADV", ReceiptAdviceTest.RECADV,
                        bytes -> ReceiptAdviceReader.read(new ByteArrayInputStream(bytes), EdiInterchangeReader.Strictness.STRICT)),
                new Reader("ORDERS", RetailOrderTest.ORDERS_D01B, bytes -> RetailOrderReader.read(new ByteArrayInputStream(bytes))),
                new Reader("INVRPT", sampleText("INVRPT-3pl-D96A.edi"), EdifactVariantsTest::readStock),
                new Reader("IFTSTA", sampleText("IFTSTA-colissimo-D01B.edi"), EdifactVariantsTest::readStatus));
    }

    private static String sampleText(final String name) {
        try {
            return StockSamples.sampleText(name);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<?> readStock(final byte[] bytes) {
        return StockSamples.read(bytes, StockReadOptions.defaults().withQuantityQualifiers(Set.of("145", "198")));
    }

    private static List<?> readStatus(final byte[] bytes) {
        final List<RawTrackingEvent> events = new ArrayList<>();
        try {
            new IftstaReader(PARIS).read(new ByteArrayInputStream(bytes), events::add);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Numeric values (QTY, PRI, MOA amounts) written with the decimal mark the UNA announces. */
    private static List<Segment> withDecimalMark(final List<Segment> segments, final char decimal) {
        if (decimal == '.') {
            return segments;
        }
        return EdiText.mapSegments(segments, segment -> {
            if (!Set.of("QTY", "PRI", "MOA").contains(segment.tag()) || segment.elements().isEmpty()
                    || segment.elements().getFirst().size() < 2) {
                return segment;
            }
            final List<String> components = new ArrayList<>(segment.elements().getFirst());
            components.set(1, components.get(1).replace('.', decimal));
            return EdiText.setElement(segment, 1, components.toArray(String[]::new));
        });
    }

    @TestFactory
    Stream<DynamicTest> delimitersLineBreaksAndBom() {
        return readers().stream().flatMap(reader -> {
            final List<?> expected = reader.read().apply(EdiText.utf8(reader.sample()));
            assertFalse(expected.isEmpty(), reader.name() + " sample reads to nothing");
            final List<Segment> segments = EdiText.parseEdifact(reader.sample());
            final List<DynamicTest> tests = new ArrayList<>();
            for (final Delimiters delimiters : DELIMITERS) {
                for (final boolean una : List.of(true, false)) {
                    if (!una && !delimiters.equals(Delimiters.DEFAULT)) {
                        continue;
                    }
                    for (final String lineBreak : LINE_BREAKS) {
                        for (final boolean bom : List.of(false, true)) {
                            final String text = EdiText.writeEdifact(withDecimalMark(segments, delimiters.decimal()), delimiters, una, lineBreak);
                            tests.add(DynamicTest.dynamicTest(reader.name() + " " + (una ? delimiters.una() : "no UNA")
                                            + " line break " + lineBreak.replace("\r", "CR").replace("\n", "LF") + (bom ? " BOM" : ""),
                                    () -> assertEquals(expected, reader.read().apply(EdiText.bytes(text, StandardCharsets.UTF_8, bom)), text)));
                        }
                    }
                }
            }
            return tests.stream();
        });
    }

    @TestFactory
    Stream<DynamicTest> syntaxIdentifiersAndDirectories() {
        final List<String> syntaxes = List.of("UNOA:1", "UNOA:3", "UNOB:2", "UNOC:3", "UNOC:4", "UNOD:3", "UNOE:3", "UNOF:3",
                "UNOW:4", "UNOX:4", "UNOY:4");
        final List<String> directories = List.of("93A", "95B", "96A", "97A", "99B", "01B", "03A", "07A", "10B", "16A", "21B");
        return readers().stream().flatMap(reader -> {
            final List<?> expected = reader.read().apply(EdiText.utf8(reader.sample()));
            final List<Segment> segments = EdiText.parseEdifact(reader.sample());
            final List<DynamicTest> tests = new ArrayList<>();
            syntaxes.forEach(syntax -> {
                final String identifier = syntax.substring(0, 4);
                final String level = syntax.substring(5);
                // syntax 4 writes the interchange date with its century (CCYYMMDD)
                final String text = EdiText.writeEdifact(EdiText.mapSegments(segments, s -> s.tag().equals("UNB")
                        ? withDate(EdiText.setElement(s, 1, identifier, level), level) : s), Delimiters.DEFAULT, true, "\n");
                tests.add(DynamicTest.dynamicTest(reader.name() + " " + identifier + ":" + level,
                        () -> assertEquals(expected, reader.read().apply(EdiText.utf8(text)), text)));
            });
            for (final String directory : directories) {
                final String text = EdiText.writeEdifact(EdiText.mapSegments(segments, s -> {
                    if (!s.tag().equals("UNH")) {
                        return s;
                    }
                    final List<String> identifier = new ArrayList<>(s.elements().get(1));
                    identifier.set(1, "D");
                    identifier.set(2, directory);
                    return EdiText.setElement(s, 2, identifier.toArray(String[]::new));
                }), Delimiters.DEFAULT, false, "\n");
                tests.add(DynamicTest.dynamicTest(reader.name() + " D" + directory, () -> {
                    final List<?> read = reader.read().apply(EdiText.utf8(text));
                    assertEquals(expected.size(), read.size(), text);
                    assertEquals(stripVersion(expected, directory), stripVersion(read, directory), text);
                }));
            }
            return tests.stream();
        });
    }

    private static Segment withDate(final Segment unb, final String level) {
        final List<String> date = unb.elements().get(3);
        return "4".equals(level) ? EdiText.setElement(unb, 4, "20" + date.get(0), date.get(1)) : unb;
    }

    /** Records that carry the message version (ORDERS) differ by it only. */
    private static List<String> stripVersion(final List<?> records, final String directory) {
        return records.stream().map(r -> r.toString().replaceAll("version=[^,]*", "version=*")).toList();
    }

    /**
     * A 6-digit UNB date under syntax 4 (CCYYMMDD is required there), as many partners write it: the status and stock
     * readers, which use nothing of the envelope's elements, read on; the exchange readers follow Envelope Strictness.
     */
    @TestFactory
    Stream<DynamicTest> syntax4WithASixDigitDateInStatusAndStockReports() {
        return readers().stream().filter(reader -> reader.name().equals("IFTSTA") || reader.name().equals("INVRPT"))
                .map(reader -> DynamicTest.dynamicTest(reader.name(), () -> {
                    final List<?> expected = reader.read().apply(EdiText.utf8(reader.sample()));
                    final String text = EdiText.writeEdifact(EdiText.mapSegments(EdiText.parseEdifact(reader.sample()),
                            s -> s.tag().equals("UNB") ? EdiText.setElement(s, 1, "UNOC", "4") : s), Delimiters.DEFAULT, false, "\n");
                    assertEquals(expected, reader.read().apply(EdiText.utf8(text)), text);
                }));
    }

    /**
     * Accented text in the character set the UNB names: UNOC is ISO-8859-1 (one byte per letter), UNOY is UTF-8. Partners
     * in France write "Café" in UNOC as the single byte 0xE9.
     */
    @TestFactory
    Stream<DynamicTest> accentsInTheDeclaredCharacterSet() {
        final String order = RetailOrderTest.ORDERS_D01B.replace("PARIS Guest Chair", "Chaise « Café » été");
        return Stream.of(new String[] {"UNOC:3", "ISO-8859-1"}, new String[] {"UNOW:4", "UTF-8"}, new String[] {"UNOY:4", "UTF-8"})
                .map(syntax -> DynamicTest.dynamicTest(syntax[0] + " in " + syntax[1], () -> {
                    final String text = order.replace("UNOC:3", syntax[0]).replace("+261206:0800+", syntax[0].endsWith("4") ? "+20261206:0800+" : "+261206:0800+");
                    final List<RetailOrder> read = RetailOrderReader.read(new ByteArrayInputStream(text.getBytes(java.nio.charset.Charset.forName(syntax[1]))));
                    assertEquals("Chaise « Café » été", read.getFirst().lines().get(1).description());
                }));
    }

    /** Item id codes written in lower case ("en", "sa"), as some partners' tools do, read as the upper-case codes. */
    @TestFactory
    Stream<DynamicTest> lowerCaseItemIdCodes() {
        return readers().stream().filter(reader -> !reader.name().equals("IFTSTA")).map(reader -> DynamicTest.dynamicTest(reader.name(), () -> {
            final List<?> expected = reader.read().apply(EdiText.utf8(reader.sample()));
            final String text = EdiText.writeEdifact(EdiText.mapSegments(EdiText.parseEdifact(reader.sample()), s -> {
                if (!s.tag().equals("LIN") && !s.tag().equals("PIA")) {
                    return s;
                }
                final List<List<String>> elements = s.elements().stream().map(element -> element.size() < 2 ? element
                        : java.util.stream.IntStream.range(0, element.size())
                        .mapToObj(i -> i == 1 ? element.get(i).toLowerCase(java.util.Locale.ROOT) : element.get(i)).toList()).toList();
                return s.withElements(elements);
            }), Delimiters.DEFAULT, false, "\n");
            assertEquals(expected, reader.read().apply(EdiText.utf8(text)), text);
        }));
    }

    @TestFactory
    Stream<DynamicTest> severalMessagesAndInterchangesInOneFile() {
        return readers().stream().map(reader -> DynamicTest.dynamicTest(reader.name(), () -> {
            final List<?> one = reader.read().apply(EdiText.utf8(reader.sample()));
            final String twoInterchanges = reader.sample() + "\r\n" + reader.sample().replace("UNA:+.? '\n", "");
            final List<?> read = reader.read().apply(EdiText.utf8(twoInterchanges));
            final List<Object> doubled = new ArrayList<>(one);
            doubled.addAll(one);
            assertEquals(doubled, read);
            // two messages in one interchange: UNH..UNT repeated (second reference 2), UNZ counting 2
            final List<Segment> segments = EdiText.parseEdifact(reader.sample());
            final int unh = indexOf(segments, "UNH");
            final int unt = indexOf(segments, "UNT");
            final List<Segment> twoMessages = new ArrayList<>(segments.subList(0, unt + 1));
            for (final Segment s : segments.subList(unh, unt + 1)) {
                twoMessages.add(s.tag().equals("UNH") || s.tag().equals("UNT")
                        ? EdiText.setElement(s, s.tag().equals("UNH") ? 1 : 2, "2") : s);
            }
            final Segment unz = segments.get(indexOf(segments, "UNZ"));
            twoMessages.add(EdiText.setElement(unz, 1, "2"));
            final List<?> two = reader.read().apply(EdiText.utf8(EdiText.writeEdifact(twoMessages, Delimiters.DEFAULT, false, "\n")));
            assertEquals(one.size() * 2, two.size());
        }));
    }

    private static int indexOf(final List<Segment> segments, final String tag) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).tag().equals(tag)) {
                return i;
            }
        }
        throw new AssertionError("no " + tag);
    }
}
