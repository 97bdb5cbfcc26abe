package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Base of the carrier JSON feeds, read token by token with Jackson's streaming parser. A feed may hold one
 * response, an array of responses or several concatenated responses (JSON lines): the parser looks for its
 * root field anywhere and reads each parcel under it.
 */
abstract class JsonFeedParser implements TrackingFeedParser {

    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(1_000_000).build())
            .build();

    protected final ZoneId zone;

    JsonFeedParser(final ZoneId zone) {
        this.zone = zone;
    }

    /** The field whose value holds the parcels (an object or an array of objects). */
    protected abstract String rootField();

    /** Reads one parcel object; the parser is on its START_OBJECT and must end on its END_OBJECT. */
    protected abstract void readParcel(JsonParser parser, TrackingEventSink sink) throws IOException, TrackingFeedException;

    @Override
    public final void parse(final InputStream in, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        boolean found = false;
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && rootField().equals(parser.currentName())) {
                    found = true;
                    final JsonToken value = parser.nextToken();
                    if (value == JsonToken.START_OBJECT) {
                        readParcel(parser, sink);
                    } else if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            expect(parser, JsonToken.START_OBJECT, rootField() + "[]");
                            readParcel(parser, sink);
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw error(parser, rootField(), "expected an object or an array");
                    }
                }
            }
        } catch (final JsonProcessingException e) {
            final JsonLocation location = e.getLocation();
            throw new TrackingFeedException("JSON_SYNTAX", "Malformed JSON: " + e.getOriginalMessage(), null,
                    location == null ? -1 : location.getLineNr(), e);
        }
        if (!found) {
            throw new TrackingFeedException("UNRECOGNISED_CONTENT", format() + " feed without a '" + rootField() + "' field");
        }
    }

    static void expect(final JsonParser parser, final JsonToken expected, final String field) throws TrackingFeedException {
        if (parser.currentToken() != expected) {
            throw error(parser, field, "expected " + expected + " but found " + parser.currentToken());
        }
    }

    static TrackingFeedException error(final JsonParser parser, final String field, final String message) {
        final int line = parser.currentLocation().getLineNr();
        return new TrackingFeedException("INVALID_CONTENT", "JSON field '" + field + "' at line " + line + ": " + message, field, line, null);
    }

    /** The current value as text (numbers and booleans as written), null for null; fails on objects and arrays. */
    static String text(final JsonParser parser, final String field) throws IOException, TrackingFeedException {
        final JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == null || !token.isScalarValue()) {
            throw error(parser, field, "expected a value");
        }
        // values padded with spaces are read trimmed (strip() returns the same string when there is none)
        return parser.getText().strip();
    }

    /**
     * A date the carrier announces (an estimated delivery): read like an event time, but one the parser cannot
     * read is left out rather than failing the feed, whose events are sound.
     */
    OffsetDateTime announcedTime(final String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EventTimes.parseIso(value, zone);
        } catch (final DateTimeException e) {
            return null;
        }
    }

    OffsetDateTime time(final JsonParser parser, final String field, final String value) throws TrackingFeedException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EventTimes.parseIso(value, zone);
        } catch (final DateTimeException e) {
            throw error(parser, field, "invalid date-time [" + value + "]");
        }
    }

    /** Reads one object of an array; the parser is on its START_OBJECT and must end on its END_OBJECT. */
    @FunctionalInterface
    interface ObjectReader<T> {
        T read(JsonParser parser) throws IOException, TrackingFeedException;
    }

    /**
     * The name of the next field of the current object, or null at its end.
     *
     * @throws TrackingFeedException when something else than a field name comes
     */
    static String nextField(final JsonParser parser, final String object) throws IOException, TrackingFeedException {
        final JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw error(parser, object, "expected a field");
        }
        return parser.currentName();
    }

    /** Moves into the object after a field name: true when it is one, false (value skipped) otherwise. */
    static boolean enterObject(final JsonParser parser) throws IOException {
        if (parser.nextToken() == JsonToken.START_OBJECT) {
            return true;
        }
        parser.skipChildren();
        return false;
    }

    /** Reads the array of objects after a field name (null: nothing) into the list. */
    static <T> void readObjects(final JsonParser parser, final String field, final ObjectReader<T> reader, final List<T> into)
            throws IOException, TrackingFeedException {
        if (parser.nextToken() == JsonToken.VALUE_NULL) {
            return;
        }
        expect(parser, JsonToken.START_ARRAY, field);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser, JsonToken.START_OBJECT, field + "[]");
            into.add(reader.read(parser));
        }
    }

    /** The scalar values of the named fields of the object after a field name, by position in names. */
    static void readFields(final JsonParser parser, final String object, final List<String> names, final String[] values)
            throws IOException, TrackingFeedException {
        if (!enterObject(parser)) {
            return;
        }
        String name;
        while ((name = nextField(parser, object)) != null) {
            final int index = names.indexOf(name);
            if (index >= 0) {
                values[index] = text(parser, name);
            } else {
                skipValue(parser);
            }
        }
    }

    /** The named fields of the {@code address} object inside the location object after a field name. */
    static void readAddress(final JsonParser parser, final String location, final List<String> names, final String[] values)
            throws IOException, TrackingFeedException {
        if (!enterObject(parser)) {
            return;
        }
        String name;
        while ((name = nextField(parser, location)) != null) {
            if ("address".equals(name)) {
                readFields(parser, name, names, values);
            } else {
                skipValue(parser);
            }
        }
    }

    /** Skips the value after a field name (scalar or structure). */
    static void skipValue(final JsonParser parser) throws IOException {
        final JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
        }
    }
}
