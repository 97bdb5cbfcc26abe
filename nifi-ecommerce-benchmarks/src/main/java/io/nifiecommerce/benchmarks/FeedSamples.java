package io.nifiecommerce.benchmarks;

import io.nifiecommerce.tracking.SourceFormat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Synthetic carrier feeds of a given number of status events, in the shapes the bundle reads: EDIFACT
 * IFTSTA (one message per 1,000 statuses, 5 statuses per consignment), X12 214 (one transaction per
 * shipment, 4 AT7 statuses), La Poste Suivi JSON (5 events per shipment) and CSV. Colissimo numbers
 * with a valid check digit, so carrier detection succeeds.
 */
final class FeedSamples {

    static final int IFTSTA_PER_MESSAGE = 1000;
    private static final String[] IFTSTA_CODES = {"13", "31", "31", "23", "21"};
    private static final String[] AT7_CODES = {"AF", "X6", "X1", "D1"};
    private static final String[] LAPOSTE_CODES = {"DR1", "PC1", "ET1", "MD2", "DI1"};
    private static final String[] CSV_STATUSES = {"PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"};

    private FeedSamples() {
    }

    static byte[] of(final SourceFormat format, final int events) {
        final StringBuilder out = new StringBuilder(events * 160);
        switch (format) {
            case IFTSTA -> {
                out.append(iftstaHeader());
                for (int m = 0; m * IFTSTA_PER_MESSAGE < events; m++) {
                    out.append(iftstaMessage(m + 1, m * IFTSTA_PER_MESSAGE, Math.min(IFTSTA_PER_MESSAGE, events - m * IFTSTA_PER_MESSAGE)));
                }
                out.append(iftstaTrailer((events + IFTSTA_PER_MESSAGE - 1) / IFTSTA_PER_MESSAGE));
            }
            case X12_214 -> {
                final int shipments = events / AT7_CODES.length;
                out.append("ISA*00*          *00*          *ZZ*ACME3PL        *ZZ*SHOPERP        *260301*1015*U*00401*000000101*0*P*>~\n");
                out.append("GS*QM*ACME3PL*SHOPERP*20260301*1015*101*X*004010~\n");
                for (int s = 0; s < shipments; s++) {
                    final String control = String.format(Locale.ROOT, "%04d", s % 10_000);
                    out.append("ST*214*").append(control).append("~\nB10*").append(colissimo(s)).append("*SO-").append(s).append("*COLI~\nL11*SO-")
                            .append(s).append("*PO~\n");
                    for (int e = 0; e < AT7_CODES.length; e++) {
                        out.append("LX*").append(e + 1).append("~\nAT7*").append(AT7_CODES[e]).append("*NS***20260301*")
                                .append(String.format(Locale.ROOT, "%02d%02d", 8 + e, s % 60)).append("*LT~\nMS1*PARIS**FR~\n");
                    }
                    out.append("SE*").append(4 + 3 * AT7_CODES.length).append('*').append(control).append("~\n");
                }
                out.append("GE*").append(shipments).append("*101~\nIEA*1*000000101~\n");
            }
            case LAPOSTE_JSON -> {
                out.append('[');
                final int shipments = events / LAPOSTE_CODES.length;
                for (int s = 0; s < shipments; s++) {
                    out.append(s > 0 ? ",\n" : "").append("{\"lang\":\"fr_FR\",\"scope\":\"open\",\"returnCode\":200,\"shipment\":{\"idShip\":\"")
                            .append(colissimo(s)).append("\",\"holder\":4,\"product\":\"colissimo\",\"isFinal\":true,\"event\":[");
                    for (int e = 0; e < LAPOSTE_CODES.length; e++) {
                        out.append(e > 0 ? "," : "").append("{\"code\":\"").append(LAPOSTE_CODES[e])
                                .append("\",\"label\":\"Votre colis est en cours de traitement.\",\"date\":\"2026-03-01T")
                                .append(String.format(Locale.ROOT, "%02d:%02d", 8 + e, s % 60)).append(":00+01:00\"}");
                    }
                    out.append("]}}");
                }
                out.append("]\n");
            }
            case CSV -> {
                out.append("tracking_number,status,status_label,event_time,order_reference,carrier,city,postal_code,country\n");
                for (int i = 0; i < events; i++) {
                    out.append(colissimo(i / 4)).append(',').append(CSV_STATUSES[i % 4]).append(",\"Colis en cours, suivi\",2026-03-01T")
                            .append(String.format(Locale.ROOT, "%02d:%02d", 8 + i % 4, i % 60)).append(":00+01:00,SO-").append(i / 4)
                            .append(",colissimo,Paris,75015,FR\n");
                }
            }
            default -> throw new IllegalArgumentException("No sample for " + format);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Events the sample of {@code events} holds (formats with fixed statuses per shipment round down). */
    static int eventsIn(final SourceFormat format, final int events) {
        return switch (format) {
            case X12_214 -> events / AT7_CODES.length * AT7_CODES.length;
            case LAPOSTE_JSON -> events / LAPOSTE_CODES.length * LAPOSTE_CODES.length;
            default -> events;
        };
    }

    static String iftstaHeader() {
        return "UNB+UNOC:3+ACME3PL:ZZZ+SHOPERP:ZZZ+260301:1015+1001'\n";
    }

    static String iftstaTrailer(final long messages) {
        return "UNZ+" + messages + "+1001'\n";
    }

    /** One IFTSTA message of {@code count} statuses starting at event number {@code first}. */
    static String iftstaMessage(final long messageNumber, final long first, final int count) {
        final StringBuilder out = new StringBuilder(count * 150);
        out.append("UNH+").append(messageNumber).append("+IFTSTA:D:01B:UN'\nBGM+77+STS-BENCH-").append(messageNumber)
                .append("+9'\nDTM+137:202603011015:203'\nNAD+CA+COLISSIMO::92'\n");
        int segments = 4;
        for (long i = first; i < first + count; i++) {
            if (i % 5 == 0 || i == first) {
                out.append("CNI+").append(i / 5 + 1).append("+SO-").append(i / 5).append("'\n");
                segments++;
            }
            out.append("STS+1+").append(IFTSTA_CODES[(int) (i % 5)]).append("'\nRFF+CN:").append(colissimo(i / 5)).append("'\nRFF+CU:SO-")
                    .append(i / 5).append("'\nDTM+334:20260301").append(String.format(Locale.ROOT, "%02d%02d", 8 + i % 5, i % 60))
                    .append(":203'\nLOC+7+75015::92:PARIS'\n");
            segments += 5;
        }
        out.append("UNT+").append(segments + 1).append('+').append(messageNumber).append("'\n");
        return out.toString();
    }

    /** A Colissimo number (6A + 10 digits + Luhn-style mod 10 check digit, weights 3/1). */
    static String colissimo(final long i) {
        final String serial = String.format(Locale.ROOT, "%010d", 1_500_000_000L + i % 8_000_000_000L);
        int sum = 0;
        for (int k = serial.length() - 1, w = 3; k >= 0; k--, w = w == 3 ? 1 : 3) {
            sum += (serial.charAt(k) - '0') * w;
        }
        return "6A" + serial + (10 - sum % 10) % 10;
    }
}
