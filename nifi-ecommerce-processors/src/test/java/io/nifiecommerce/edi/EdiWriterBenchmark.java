package io.nifiecommerce.edi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writing throughput of the shipping order and ORDRSP writers (with StAEDI's control-structure validation on), and of
 * reading the same interchanges back, in interleaved rounds; the median of the rounds is reported.
 * <pre>
 * flock /tmp/nifi-it.lock java -cp ... io.nifiecommerce.edi.EdiWriterBenchmark 5 2000
 * </pre>
 * Not a test: figures go to docs/edi.md.
 */
public final class EdiWriterBenchmark {

    private static final LocalDateTime PREPARED = LocalDateTime.of(2026, 12, 6, 9, 30);

    private EdiWriterBenchmark() {
    }

    public static void main(final String[] args) {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int orders = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        final List<ShippingOrder> batch = new ArrayList<>(orders);
        for (int i = 0; i < orders; i++) {
            batch.add(order(i));
        }
        final ShippingOrderWriter orders96a = new ShippingOrderWriter(ShippingMessage.EDIFACT_ORDERS_D96A,
                new EdiPartner(EdiSyntax.EDIFACT, "5412345000013", "14", "5490000000017", "14", false), false);
        final ShippingOrderWriter x940 = new ShippingOrderWriter(ShippingMessage.X12_940_4010,
                new EdiPartner(EdiSyntax.X12, "RETAILER", "ZZ", "WAREHOUSE3PL", "ZZ", false), false);
        final List<Double> writeOrders = new ArrayList<>();
        final List<Double> write940 = new ArrayList<>();
        final List<Double> readBack = new ArrayList<>();
        long bytes = 0;
        for (int round = 0; round < rounds + 1; round++) {
            final List<byte[]> written = new ArrayList<>(orders);
            long start = System.nanoTime();
            for (final ShippingOrder order : batch) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
                orders96a.write(order, PREPARED, out);
                written.add(out.toByteArray());
            }
            final double ordersRate = orders / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (final ShippingOrder order : batch) {
                x940.write(order, PREPARED, new ByteArrayOutputStream(2048));
            }
            final double rate940 = orders / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (final byte[] edi : written) {
                EdiInterchangeReader.read(new ByteArrayInputStream(edi));
            }
            final double readRate = orders / ((System.nanoTime() - start) / 1e9);
            bytes = written.stream().mapToLong(b -> b.length).sum();
            if (round > 0) {
                // round 0 warms the JIT up
                writeOrders.add(ordersRate);
                write940.add(rate940);
                readBack.add(readRate);
            }
        }
        System.out.printf("orders=%d lines/order=5 rounds=%d avg bytes/interchange=%d%n", orders, rounds, bytes / orders);
        System.out.printf("write ORDERS D.96A: %.0f interchanges/s (median)%n", median(writeOrders));
        System.out.printf("write X12 940:      %.0f interchanges/s (median)%n", median(write940));
        System.out.printf("read back ORDERS:   %.0f interchanges/s (median, validation on)%n", median(readBack));
    }

    private static ShippingOrder order(final int i) {
        final List<ShippingOrder.Line> lines = new ArrayList<>();
        for (int l = 1; l <= 5; l++) {
            lines.add(new ShippingOrder.Line(l * 10000, "ITEM-" + (i * 7 + l) % 5000, "54123450" + String.format("%05d", (i + l) % 100000),
                    "Article " + l + " of order " + i, BigDecimal.valueOf(l), "PCS"));
        }
        return new ShippingOrder("S-ORD" + (100000 + i), "#" + (1000 + i), LocalDate.of(2026, 12, 5), null, "C" + (i % 300),
                new ShippingOrder.ShipTo("Customer " + i, null, i + " rue de la Paix", null, "Paris", null, "75002", "FR", null, null), lines);
    }

    private static double median(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
