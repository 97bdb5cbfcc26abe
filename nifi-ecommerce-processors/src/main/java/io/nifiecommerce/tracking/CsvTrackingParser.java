package io.nifiecommerce.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV tracking exports with a header row (RFC 4180: quoted fields may hold delimiters, doubled quotes and line
 * breaks), columns found by header name through a {@link CsvColumnMapping}. Read record by record.
 */
public final class CsvTrackingParser implements TrackingFeedParser {

    private static final int MAX_FIELD_LENGTH = 65_536;

    private final CsvColumnMapping mapping;
    private final ZoneId zone;

    public CsvTrackingParser(final CsvColumnMapping mapping, final ZoneId zone) {
        this.mapping = mapping;
        this.zone = zone;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.CSV;
    }

    @Override
    public void parse(final InputStream in, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        final RecordReader reader = new RecordReader(new InputStreamReader(in, StandardCharsets.UTF_8), mapping.delimiter());
        final List<String> header = reader.next();
        if (header == null) {
            throw new TrackingFeedException("CSV_SYNTAX", "Empty CSV: no header row", null, 1, null);
        }
        if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) {
            header.set(0, header.getFirst().substring(1));
        }
        final int trackingColumn = required(header, mapping.trackingNumber());
        final int statusColumn = required(header, mapping.status());
        final int labelColumn = optional(header, mapping.statusLabel());
        final int timeColumn = optional(header, mapping.eventTime());
        final int orderColumn = optional(header, mapping.orderReference());
        final int carrierColumn = optional(header, mapping.carrier());
        final int cityColumn = optional(header, mapping.city());
        final int postalColumn = optional(header, mapping.postalCode());
        final int countryColumn = optional(header, mapping.country());
        List<String> row;
        while ((row = reader.next()) != null) {
            if (row.size() == 1 && row.getFirst().isEmpty()) {
                continue;
            }
            final int line = reader.recordLine();
            final String timeText = cell(row, timeColumn);
            OffsetDateTime time = null;
            if (timeText != null) {
                try {
                    time = EventTimes.parseIso(timeText, zone);
                } catch (final DateTimeException e) {
                    throw new TrackingFeedException("INVALID_CONTENT", "Invalid date-time [" + timeText + "] in column '"
                            + mapping.eventTime() + "' at line " + line, mapping.eventTime(), line, e);
                }
            }
            sink.accept(new RawTrackingEvent(cell(row, orderColumn), cell(row, trackingColumn), cell(row, carrierColumn),
                    cell(row, statusColumn), cell(row, labelColumn), time,
                    TrackingLocation.of(cell(row, cityColumn), cell(row, postalColumn), cell(row, countryColumn))));
        }
    }

    private static String cell(final List<String> row, final int column) {
        if (column < 0 || column >= row.size()) {
            return null;
        }
        final String value = row.get(column).trim();
        return value.isEmpty() ? null : value;
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

    /** RFC 4180 record reader over a character stream. */
    private static final class RecordReader {

        private final Reader reader;
        private final char delimiter;
        private final char[] buffer = new char[8192];
        private int length;
        private int position;
        private int line = 1;
        private int recordLine;
        private boolean ended;

        RecordReader(final Reader reader, final char delimiter) {
            this.reader = reader;
            this.delimiter = delimiter;
        }

        int recordLine() {
            return recordLine;
        }

        private int read() throws IOException {
            if (position == length) {
                length = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (length <= 0) {
                    length = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private void unread() {
            position--;
        }

        List<String> next() throws IOException, TrackingFeedException {
            if (ended) {
                return null;
            }
            recordLine = line;
            final List<String> fields = new ArrayList<>();
            final StringBuilder field = new StringBuilder();
            int c = read();
            if (c == -1) {
                ended = true;
                return null;
            }
            unread();
            while (true) {
                c = read();
                if (c == '"' && field.isEmpty()) {
                    readQuoted(field);
                    c = read();
                    if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                        throw new TrackingFeedException("CSV_SYNTAX", "Unexpected character after closing quote at line " + line,
                                null, line, null);
                    }
                }
                if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' || c == '\n' || c == -1) {
                    if (c == '\r') {
                        final int following = read();
                        if (following != '\n' && following != -1) {
                            unread();
                        }
                    }
                    if (c == -1) {
                        ended = true;
                    } else {
                        line++;
                    }
                    fields.add(field.toString());
                    return fields;
                } else {
                    append(field, (char) c);
                }
            }
        }

        private void readQuoted(final StringBuilder field) throws IOException, TrackingFeedException {
            final int start = line;
            while (true) {
                final int c = read();
                if (c == -1) {
                    throw new TrackingFeedException("CSV_SYNTAX", "Quoted field opened at line " + start + " never closed", null, start, null);
                }
                if (c == '"') {
                    final int following = read();
                    if (following == '"') {
                        append(field, '"');
                        continue;
                    }
                    if (following != -1) {
                        unread();
                    }
                    return;
                }
                if (c == '\n') {
                    line++;
                }
                append(field, (char) c);
            }
        }

        private void append(final StringBuilder field, final char c) throws TrackingFeedException {
            if (field.length() >= MAX_FIELD_LENGTH) {
                throw new TrackingFeedException("CSV_SYNTAX", "Field longer than " + MAX_FIELD_LENGTH + " characters at line " + line,
                        null, line, null);
            }
            field.append(c);
        }
    }
}
