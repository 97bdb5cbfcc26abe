package io.nifiecommerce.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * Tells the feed format from the first bytes: UNA/UNB is EDIFACT IFTSTA, ISA is X12 214, a JSON document is told
 * apart by its field names (La Poste idShip, GLS unitno, DPD parcelLifeCycleData, UPS trackResponse, DHL shipments with statusCode), the Chronopost tracking SOAP answer is read,
 * other XML (SOAP answers) and JSON of APIs without a parser are refused with the reason, anything else is CSV.
 */
public final class FeedFormatDetector {

    /** How many bytes are looked at; the stream must support mark/reset over at least that many. */
    public static final int PEEK_BYTES = 16_384;

    private FeedFormatDetector() {
    }

    public static SourceFormat detect(final InputStream in) throws IOException, TrackingFeedException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("Format detection needs a stream supporting mark/reset");
        }
        in.mark(PEEK_BYTES);
        final byte[] head = in.readNBytes(PEEK_BYTES);
        in.reset();
        return detect(head, head.length);
    }

    static SourceFormat detect(final byte[] head, final int length) throws TrackingFeedException {
        int start = 0;
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        while (start < length && (head[start] == ' ' || head[start] == '\t' || head[start] == '\r' || head[start] == '\n')) {
            start++;
        }
        if (start >= length) {
            throw new TrackingFeedException("EMPTY_INPUT", "The content is empty");
        }
        if (startsWith(head, start, length, "UNA") || startsWith(head, start, length, "UNB")) {
            return SourceFormat.IFTSTA;
        }
        if (startsWith(head, start, length, "ISA")) {
            return SourceFormat.X12_214;
        }
        if (head[start] == '<' && new String(head, start, length - start, StandardCharsets.UTF_8).contains("trackSkybill")) {
            return SourceFormat.CHRONOPOST_XML;
        }
        if (head[start] == '<') {
            // carriers' other SOAP and XML APIs (DPD ParcelLifeCycle, DHL Express XML-PI, DHL Paket): not a CSV
            throw new TrackingFeedException("UNSUPPORTED_FORMAT",
                    "XML content (" + rootElement(head, start, length) + "): no parser for this format; convert it to JSON or CSV upstream");
        }
        if (head[start] == '{' || head[start] == '[') {
            final String text = new String(head, start, length - start, StandardCharsets.UTF_8);
            if (text.contains("\"trackResponse\"")) {
                return SourceFormat.UPS_JSON;
            }
            if (text.contains("\"shipments\"") && text.contains("\"statusCode\"")) {
                return SourceFormat.DHL_JSON;
            }
            if (text.contains("\"parcelLifeCycleData\"")) {
                return SourceFormat.DPD_JSON;
            }
            if (text.contains("\"idShip\"")) {
                return SourceFormat.LAPOSTE_JSON;
            }
            if (text.contains("\"unitno\"")) {
                return SourceFormat.GLS_JSON;
            }
            if (text.contains("\"shipment\"")) {
                return SourceFormat.LAPOSTE_JSON;
            }
            if (text.contains("\"parcels\"")) {
                return SourceFormat.GLS_JSON;
            }
            throw new TrackingFeedException("UNRECOGNISED_CONTENT",
                    "JSON content matches no known tracking feed (La Poste shipment, GLS parcels, DPD parcelLifeCycleData)");
        }
        return SourceFormat.CSV;
    }

    /** The first element name of an XML document (after the prolog and comments), for the error message. */
    private static String rootElement(final byte[] head, final int start, final int length) {
        int i = start;
        while (i < length) {
            if (head[i] == '<' && i + 1 < length && head[i + 1] != '?' && head[i + 1] != '!') {
                int end = i + 1;
                while (end < length && head[end] != ' ' && head[end] != '>' && head[end] != '/' && head[end] != '\n' && head[end] != '\r') {
                    end++;
                }
                return "root <" + new String(head, i + 1, end - i - 1, StandardCharsets.UTF_8) + ">";
            }
            i++;
        }
        return "no root element";
    }

    private static boolean startsWith(final byte[] head, final int start, final int length, final String prefix) {
        if (length - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (head[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The parser for a format. */
    public static TrackingFeedParser parserFor(final SourceFormat format, final ZoneId zone, final CsvColumnMapping csvMapping) {
        return switch (format) {
            case IFTSTA, X12_214 -> new EdiFeedParser(format, zone);
            case LAPOSTE_JSON -> new LaPosteSuiviParser(zone);
            case GLS_JSON -> new GlsTrackParser(zone);
            case DPD_JSON -> new DpdStatusParser(zone);
            case UPS_JSON -> new UpsTrackParser(zone);
            case DHL_JSON -> new DhlTrackParser(zone);
            case CHRONOPOST_XML -> new ChronopostTrackParser(zone);
            case CSV -> new CsvTrackingParser(csvMapping == null ? CsvColumnMapping.defaults() : csvMapping, zone);
        };
    }
}
