package io.nifiecommerce.benchmarks;

import io.nifiecommerce.edi.EdiPartner;
import io.nifiecommerce.edi.EdiSyntax;
import io.nifiecommerce.edi.OrderResponse;
import io.nifiecommerce.edi.OrderResponseWriter;
import io.nifiecommerce.edi.ShippingMessage;
import io.nifiecommerce.edi.ShippingOrder;
import io.nifiecommerce.edi.ShippingOrderWriter;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JMH: one operation writes {@link #INTERCHANGES} interchanges into memory, single threaded, so operations/s x
 * interchanges is interchanges per second per core. {@code write} is the bundle's writer (ShippingOrderWriter for ORDERS
 * D.96A and X12 940, OrderResponseWriter for ORDRSP: values checked and cut, control numbers derived, StAEDI's
 * control-structure validation on); {@code raw} is the floor of the same bytes: StAEDI's writer given the very segments
 * the bundle wrote, element by element, without a control schema.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EdiWriteBench {

    static final int INTERCHANGES = 200;
    static final int LINES = 5;
    private static final LocalDateTime PREPARED = LocalDateTime.of(2026, 12, 6, 9, 30);
    private static final EdiPartner EDIFACT_3PL = new EdiPartner(EdiSyntax.EDIFACT, "5412345000013", "14", "5490000000017", "14", false);
    private static final EdiPartner X12_3PL = new EdiPartner(EdiSyntax.X12, "RETAILER", "ZZ", "WAREHOUSE3PL", "ZZ", false);

    @Param({"ORDERS_D96A", "X12_940", "ORDRSP"})
    public String message;

    private final List<ShippingOrder> orders = new ArrayList<>();
    private final List<OrderResponse> responses = new ArrayList<>();
    private ShippingOrderWriter shippingWriter;
    private OrderResponseWriter responseWriter;
    /** Per interchange, its segments as written: tag, then elements of components. */
    private List<List<List<String[]>>> segments;
    private char[] delimiters;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    /**
     * StAEDI warns (java.util.logging) at every interchange started without a control schema, which the raw write does on
     * purpose: silenced, or the floor would measure logging. Held here so that the logger keeps its level.
     */
    private static final Logger STAEDI_WRITER_LOG = Logger.getLogger("io.xlate.edi.internal.stream.StaEDIStreamWriter");

    @Setup
    public void setUp() {
        STAEDI_WRITER_LOG.setLevel(Level.SEVERE);
        for (int i = 0; i < INTERCHANGES; i++) {
            orders.add(order(i));
            responses.add(response(i));
        }
        switch (message) {
            case "ORDERS_D96A" -> shippingWriter = new ShippingOrderWriter(ShippingMessage.EDIFACT_ORDERS_D96A, EDIFACT_3PL, false);
            case "X12_940" -> shippingWriter = new ShippingOrderWriter(ShippingMessage.X12_940_4010, X12_3PL, false);
            default -> responseWriter = new OrderResponseWriter(EDIFACT_3PL);
        }
        final boolean x12 = message.equals("X12_940");
        delimiters = x12 ? new char[] {'~', '*', ':', '\0'} : new char[] {'\'', '+', ':', '?'};
        segments = new ArrayList<>();
        for (final String interchange : written()) {
            segments.add(split(interchange, delimiters));
        }
    }

    /** Every interchange as the bundle writes it. */
    List<String> written() {
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < INTERCHANGES; i++) {
            out.reset();
            writeOne(i);
            texts.add(out.toString(StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Benchmark
    public long write() {
        long bytes = 0;
        for (int i = 0; i < INTERCHANGES; i++) {
            out.reset();
            writeOne(i);
            bytes += out.size();
        }
        return bytes;
    }

    @Benchmark
    public long raw() throws Exception {
        long bytes = 0;
        final EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        for (final List<List<String[]>> interchange : segments) {
            out.reset();
            final EDIStreamWriter writer = factory.createEDIStreamWriter(out);
            writer.startInterchange();
            for (final List<String[]> segment : interchange) {
                writer.writeStartSegment(segment.get(0)[0]);
                for (int e = 1; e < segment.size(); e++) {
                    final String[] components = segment.get(e);
                    if (components.length == 1) {
                        writer.writeElement(components[0]);
                    } else {
                        writer.writeStartElement();
                        for (final String component : components) {
                            writer.writeComponent(component);
                        }
                        writer.endElement();
                    }
                }
                writer.writeEndSegment();
            }
            writer.endInterchange();
            writer.close();
            bytes += out.size();
        }
        return bytes;
    }

    private void writeOne(final int i) {
        if (responseWriter != null) {
            responseWriter.write(responses.get(i), PREPARED, out);
        } else {
            shippingWriter.write(orders.get(i), PREPARED, out);
        }
    }

    /**
     * The segments of an interchange the bundle wrote (release characters resolved for EDIFACT). The X12 ISA segment keeps
     * its elements as they are: its last one is the component separator itself.
     */
    static List<List<String[]>> split(final String interchange, final char[] delimiters) {
        final char terminator = delimiters[0];
        final char elementSeparator = delimiters[1];
        final char componentSeparator = delimiters[2];
        final char release = delimiters[3];
        final List<List<String[]>> segments = new ArrayList<>();
        List<String[]> segment = new ArrayList<>();
        List<String> components = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean isa = false;
        for (int i = 0; i < interchange.length(); i++) {
            final char c = interchange.charAt(i);
            if (release != '\0' && c == release && i + 1 < interchange.length()) {
                value.append(interchange.charAt(++i));
            } else if (c == componentSeparator && !isa) {
                components.add(value.toString());
                value = new StringBuilder();
            } else if (c == elementSeparator || c == terminator) {
                components.add(value.toString());
                segment.add(components.toArray(String[]::new));
                components = new ArrayList<>();
                value = new StringBuilder();
                if (segment.size() == 1) {
                    isa = segment.get(0)[0].equals("ISA");
                }
                if (c == terminator) {
                    segments.add(segment);
                    segment = new ArrayList<>();
                    isa = false;
                }
            } else if (c != '\n' && c != '\r') {
                value.append(c);
            }
        }
        return segments;
    }

    private static ShippingOrder order(final int i) {
        final List<ShippingOrder.Line> lines = new ArrayList<>();
        for (int l = 1; l <= LINES; l++) {
            lines.add(new ShippingOrder.Line(l * 10000, "ITEM-" + (i * 7 + l) % 5000, String.format("54123450%05d", (i + l) % 100000),
                    "Article " + l + " of order " + i, BigDecimal.valueOf(l), "PCS"));
        }
        return new ShippingOrder("S-ORD" + (100000 + i), "#" + (1000 + i), LocalDate.of(2026, 12, 5), null, "C" + (i % 300),
                new ShippingOrder.ShipTo("Customer " + i, null, i + " rue de la Paix", null, "Paris", null, "75002", "FR", null, null), lines);
    }

    private static OrderResponse response(final int i) {
        final List<OrderResponse.Line> lines = new ArrayList<>();
        for (int l = 1; l <= LINES; l++) {
            final BigDecimal ordered = BigDecimal.valueOf(l * 6L);
            final OrderResponse.Status status = l == 2 ? OrderResponse.Status.CHANGED : l == 5 ? OrderResponse.Status.REFUSED
                    : OrderResponse.Status.ACCEPTED;
            final BigDecimal confirmed = status == OrderResponse.Status.CHANGED ? ordered.subtract(BigDecimal.ONE)
                    : status == OrderResponse.Status.REFUSED ? BigDecimal.ZERO : ordered;
            lines.add(new OrderResponse.Line(Integer.toString(l), String.format("54123450%05d", (i + l) % 100000), ordered, confirmed, status));
        }
        return new OrderResponse("PO-" + (5000 + i), LocalDate.of(2026, 12, 5), "5412345000176", "5412345000183", lines);
    }
}
