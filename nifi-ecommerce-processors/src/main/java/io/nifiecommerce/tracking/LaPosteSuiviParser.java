package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * La Poste "Suivi v2" responses (Colissimo, Chronopost, letters):
 * {@code {"shipment": {"idShip", "product", "holder", "event": [{"code","label","date"}], ...}}}. The product
 * ("colissimo", "chronopost") is the carrier hint, {@code estimDate} the estimated delivery of every event. A
 * shipment's events are held until its object ends (fields come in any order; a parcel has tens of events).
 */
public final class LaPosteSuiviParser extends JsonFeedParser {

    public LaPosteSuiviParser(final ZoneId zone) {
        super(zone);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.LAPOSTE_JSON;
    }

    @Override
    protected String rootField() {
        return "shipment";
    }

    @Override
    protected void readParcel(final JsonParser parser, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        String idShip = null;
        String product = null;
        String holder = null;
        String estimDate = null;
        final List<String[]> events = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw error(parser, "shipment", "expected a field");
            }
            final String field = parser.currentName();
            switch (field) {
                case "idShip" -> idShip = text(parser, field);
                case "product" -> product = text(parser, field);
                case "holder" -> holder = text(parser, field);
                case "estimDate" -> estimDate = text(parser, field);
                case "event" -> {
                    if (parser.nextToken() == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    expect(parser, JsonToken.START_ARRAY, "event");
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        expect(parser, JsonToken.START_OBJECT, "event[]");
                        events.add(readEvent(parser));
                    }
                }
                default -> skipValue(parser);
            }
        }
        final String hint = hint(product, holder);
        final OffsetDateTime estimated = announcedTime(estimDate);
        for (final String[] event : events) {
            sink.accept(toEvent(parser, idShip, hint, event, estimated));
        }
    }

    private static String hint(final String product, final String holder) {
        if (product != null && !product.isBlank()) {
            return product;
        }
        // holder 4 is Colissimo, 5 Chronopost in Suivi v2
        return "4".equals(holder) ? "colissimo" : "5".equals(holder) ? "chronopost" : null;
    }

    /** code, label, date, country, field at fault. */
    private static String[] readEvent(final JsonParser parser) throws IOException, TrackingFeedException {
        final String[] event = new String[4];
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw error(parser, "event", "expected a field");
            }
            final String field = parser.currentName();
            switch (field) {
                case "code" -> event[0] = text(parser, field);
                case "label" -> event[1] = text(parser, field);
                case "date" -> event[2] = text(parser, field);
                case "country" -> event[3] = text(parser, field);
                default -> skipValue(parser);
            }
        }
        return event;
    }

    private RawTrackingEvent toEvent(final JsonParser parser, final String idShip, final String hint, final String[] event,
                                     final OffsetDateTime estimated) throws TrackingFeedException {
        return new RawTrackingEvent(null, idShip, hint, event[0], event[1], time(parser, "date", event[2]),
                TrackingLocation.of(null, null, event[3]), estimated);
    }
}
