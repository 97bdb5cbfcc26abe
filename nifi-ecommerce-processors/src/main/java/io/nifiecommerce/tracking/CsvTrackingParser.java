package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.nifiecommerce.edi.Utf8OrWindows1252Reader;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV tracking exports with a header row, columns found by header name through a {@link CsvColumnMapping}.
 * The CSV itself is read by Jackson's streaming CSV parser ({@code jackson-dataformat-csv}, RFC 4180: quoted
 * fields may hold delimiters, doubled quotes and line breaks; spaces around values and quotes are trimmed;
 * empty lines are skipped), record by record: only the cells of mapped columns are kept. The bytes are decoded
 * as UTF-8 where well-formed and as Windows-1252 elsewhere ({@link Utf8OrWindows1252Reader}: French back offices
 * export Windows-1252); a leading byte order mark is dropped. When the configured delimiter does not reveal the
 * tracking number column in the header but {@code ;}, a tab, {@code |} or {@code ,} does, the file's own delimiter is
 * used; an Excel {@code sep=;} line before the header names the delimiter and is skipped (error line numbers then
 * count from the header). Times are read by {@link EventTimes#parseText} (ISO-8601, or day first as in {@code 06/12/2026 14:35}).
 * Line numbers in errors are Jackson's: line breaks inside quoted fields are not counted.
 */
public final class CsvTrackingParser implements TrackingFeedParser {

    static final int MAX_FIELD_LENGTH = 65_536;

    private static final CsvFactory FACTORY = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_LENGTH).build())
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    /** Slots of the cells kept from each record. */
    private static final int TRACKING = 0;
    private static final int STATUS = 1;
    private static final int LABEL = 2;
    private static final int TIME = 3;
    private static final int ORDER = 4;
    private static final int CARRIER = 5;
    private static final int CITY = 6;
    private static final int POSTAL = 7;
    private static final int COUNTRY = 8;
    private static final int SLOTS = 9;

    private final CsvColumnMapping mapping;
    private final ZoneId zone;
    private final CsvSchema schema;

    /** Delimiters tried, after the configured one, when it does not reveal the tracking number column. */
    private static final char[] OTHER_DELIMITERS = {';', '\t', '|', ','};
    /** How much of the file is looked at to find the header line. */
    private static final int HEADER_PEEK = 65_536;

    public CsvTrackingParser(final CsvColumnMapping mapping, final ZoneId zone) {
        this.mapping = mapping;
        this.zone = zone;
        this.schema = CsvSchema.emptySchema().withColumnSeparator(mapping.delimiter()).withQuoteChar('"').withoutEscapeChar();
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.CSV;
    }

    @Override
    public void parse(final InputStream in, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        final BufferedInputStream input = new BufferedInputStream(in, HEADER_PEEK);
        final char delimiter = delimiterOf(input);
        try (CsvParser csv = (CsvParser) FACTORY.createParser(new Utf8OrWindows1252Reader(input))) {
            csv.setSchema(delimiter == mapping.delimiter() ? schema : schema.withColumnSeparator(delimiter));
            read(csv, sink);
        } catch (final JsonProcessingException e) {
            final JsonLocation location = e.getLocation();
            final int line = location == null ? -1 : location.getLineNr();
            throw new TrackingFeedException("CSV_SYNTAX", "Invalid CSV at line " + line + ": " + e.getOriginalMessage(), null, line, e);
        }
    }

    /**
     * The configured delimiter, unless the header line holds the tracking number column only when split by another one
     * (an export with {@code ;} read with the default {@code ,}: the whole header would be one unknown column).
     */
    private char delimiterOf(final BufferedInputStream input) throws IOException {
        input.mark(HEADER_PEEK);
        final byte[] head = input.readNBytes(HEADER_PEEK);
        input.reset();
        int end = 0;
        while (end < head.length && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        final StringWriter text = new StringWriter();
        new Utf8OrWindows1252Reader(new ByteArrayInputStream(head, 0, end)).transferTo(text);
        final String header = text.toString().replace("\uFEFF", "");
        if (header.length() == 5 && header.regionMatches(true, 0, "sep=", 0, 4)) {
            // Excel's "sep=;" line, which exports opened in Excel keep in front of the header: it names the delimiter
            input.skipNBytes(end);
            input.mark(2);
            int next;
            while ((next = input.read()) == '\r' || next == '\n') {
                input.mark(2);
            }
            input.reset();
            return header.charAt(4);
        }
        if (hasColumn(header, mapping.delimiter())) {
            return mapping.delimiter();
        }
        for (final char candidate : OTHER_DELIMITERS) {
            if (hasColumn(header, candidate)) {
                return candidate;
            }
        }
        return mapping.delimiter();
    }

    private boolean hasColumn(final String header, final char delimiter) {
        for (final String cell : header.split(Pattern.quote(String.valueOf(delimiter)), -1)) {
            String name = cell.strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).strip();
            }
            if (name.equalsIgnoreCase(mapping.trackingNumber().strip())) {
                return true;
            }
        }
        return false;
    }

    private void read(final CsvParser csv, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        final List<String> header = nextRecord(csv);
        if (header == null) {
            throw new TrackingFeedException("CSV_SYNTAX", "Empty CSV: no header row", null, 1, null);
        }
        if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) {
            header.set(0, header.getFirst().substring(1));
        }
        // slotsOf[column] = where the column's cell goes (a column may be mapped to several fields), null when not mapped
        final int[][] slotsOf = new int[header.size()][];
        map(slotsOf, required(header, mapping.trackingNumber()), TRACKING);
        map(slotsOf, required(header, mapping.status()), STATUS);
        map(slotsOf, optional(header, mapping.statusLabel()), LABEL);
        map(slotsOf, optional(header, mapping.eventTime()), TIME);
        map(slotsOf, optional(header, mapping.orderReference()), ORDER);
        map(slotsOf, optional(header, mapping.carrier()), CARRIER);
        map(slotsOf, optional(header, mapping.city()), CITY);
        map(slotsOf, optional(header, mapping.postalCode()), POSTAL);
        map(slotsOf, optional(header, mapping.country()), COUNTRY);
        final String[] cells = new String[SLOTS];
        JsonToken token;
        while ((token = csv.nextToken()) != null) {
            if (token != JsonToken.START_ARRAY) {
                continue;
            }
            final int line = csv.currentTokenLocation().getLineNr();
            Arrays.fill(cells, null);
            int column = 0;
            boolean firstBlank = false;
            while (csv.nextToken() == JsonToken.VALUE_STRING) {
                final int[] slots = column < slotsOf.length ? slotsOf[column] : null;
                if (slots != null) {
                    final String value = csv.getText().trim();
                    if (!value.isEmpty()) {
                        for (final int slot : slots) {
                            cells[slot] = value;
                        }
                    }
                }
                if (column == 0) {
                    firstBlank = csv.getText().isBlank();
                }
                column++;
            }
            if (column == 1 && firstBlank) {
                continue; // a line holding only spaces
            }
            sink.accept(event(cells, line));
        }
    }

    private RawTrackingEvent event(final String[] cells, final int line) throws TrackingFeedException {
        final String timeText = cells[TIME];
        OffsetDateTime time = null;
        if (timeText != null) {
            try {
                time = EventTimes.parseText(timeText, zone);
            } catch (final DateTimeException e) {
                throw new TrackingFeedException("INVALID_CONTENT", "Invalid date-time [" + timeText + "] in column '"
                        + mapping.eventTime() + "' for tracking number " + cells[TRACKING] + " at line " + line
                        + " (line breaks inside quoted fields not counted)", mapping.eventTime(), line, e);
            }
        }
        return new RawTrackingEvent(cells[ORDER], cells[TRACKING], cells[CARRIER], cells[STATUS], cells[LABEL], time,
                TrackingLocation.of(cells[CITY], cells[POSTAL], cells[COUNTRY]));
    }

    private static void map(final int[][] slotsOf, final int column, final int slot) {
        if (column >= 0) {
            final int[] slots = slotsOf[column] == null ? new int[0] : slotsOf[column];
            slotsOf[column] = Arrays.copyOf(slots, slots.length + 1);
            slotsOf[column][slots.length] = slot;
        }
    }

    /** The next record's cells (untrimmed), or null at the end. */
    private static List<String> nextRecord(final CsvParser csv) throws IOException {
        JsonToken token = csv.nextToken();
        while (token != null && token != JsonToken.START_ARRAY) {
            token = csv.nextToken();
        }
        if (token == null) {
            return null;
        }
        final List<String> cells = new ArrayList<>();
        while (csv.nextToken() == JsonToken.VALUE_STRING) {
            cells.add(csv.getText());
        }
        return cells;
    }

    private static int required(final List<String> header, final String name) throws TrackingFeedException {
        final int index = optional(header, name);
        if (index < 0) {
            throw new TrackingFeedException("CSV_MISSING_COLUMN", "CSV header has no column '" + name + "' (header: " + header + ")",
                    name, 1, null);
        }
        return index;
    }

    private static int optional(final List<String> header, final String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name.trim())) {
                return i;
            }
        }
        return -1;
    }
}
