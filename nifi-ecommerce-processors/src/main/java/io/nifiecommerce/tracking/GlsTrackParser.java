package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * GLS Track &amp; Trace responses: {@code {"parcels": [{"unitno", "status", "statusDateTime", "references":
 * [{"type","value"}], "events": [{"code","city","postalCode","country","description","eventDateTime"}]}]}}.
 * One event per entry of {@code events}; a parcel without events gives one event from its status. The
 * reference typed CUSTREF (or ORDER) is the order reference.
 */
public final class GlsTrackParser extends JsonFeedParser {

    private static final String CARRIER = "GLS";

    public GlsTrackParser(final ZoneId zone) {
        super(zone);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.GLS_JSON;
    }

    @Override
    protected String rootField() {
        return "parcels";
    }

    @Override
    protected void readParcel(final JsonParser parser, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        String unitNumber = null;
        String status = null;
        String statusTime = null;
        String order = null;
        final List<RawTrackingEvent> events = new ArrayList<>();
        String field;
        while ((field = nextField(parser, "parcels")) != null) {
            switch (field) {
                case "unitno" -> unitNumber = text(parser, field);
                case "status" -> status = text(parser, field);
                case "statusDateTime" -> statusTime = text(parser, field);
                case "references" -> order = readReferences(parser, order);
                case "events" -> readObjects(parser, field, this::readEvent, events);
                default -> skipValue(parser);
            }
        }
        if (events.isEmpty()) {
            if (status != null) {
                sink.accept(new RawTrackingEvent(order, unitNumber, CARRIER, status, null, time(parser, "statusDateTime", statusTime),
                        TrackingLocation.NONE));
            }
            return;
        }
        for (final RawTrackingEvent event : events) {
            sink.accept(new RawTrackingEvent(order, unitNumber, CARRIER, event.rawCode(), event.rawLabel(), event.eventTime(),
                    event.location()));
        }
    }

    private static String readReferences(final JsonParser parser, final String current) throws IOException, TrackingFeedException {
        String order = current;
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return order;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser, JsonToken.START_OBJECT, "references[]");
            String type = null;
            String value = null;
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                final String field = parser.currentName();
                if ("type".equals(field)) {
                    type = text(parser, field);
                } else if ("value".equals(field)) {
                    value = text(parser, field);
                } else {
                    skipValue(parser);
                }
            }
            if (order == null && ("CUSTREF".equalsIgnoreCase(type) || "ORDER".equalsIgnoreCase(type))) {
                order = value;
            }
        }
        return order;
    }

    private RawTrackingEvent readEvent(final JsonParser parser) throws IOException, TrackingFeedException {
        String code = null;
        String description = null;
        String dateTime = null;
        String city = null;
        String postalCode = null;
        String country = null;
        String field;
        while ((field = nextField(parser, "events")) != null) {
            switch (field) {
                case "code" -> code = text(parser, field);
                case "description" -> description = text(parser, field);
                case "eventDateTime" -> dateTime = text(parser, field);
                case "city" -> city = text(parser, field);
                case "postalCode" -> postalCode = text(parser, field);
                case "country" -> country = text(parser, field);
                default -> skipValue(parser);
            }
        }
        return new RawTrackingEvent(null, null, null, code, description, time(parser, "eventDateTime", dateTime),
                TrackingLocation.of(city, postalCode, country));
    }
}
