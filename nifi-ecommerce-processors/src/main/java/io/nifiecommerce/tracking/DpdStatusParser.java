package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * DPD parcel status exports: {@code {"parcelLifeCycleData": [{"parcelNumber", "customerReference",
 * "statusInfo": [{"status","label","date","location": {"city","postalCode","country"}}]}]}} with the DPD
 * lifecycle statuses (Accepted, PickedUp, BetweenDepots, Depot, Courier, Delivered, DeliveryFailure, ParcelShop).
 */
public final class DpdStatusParser extends JsonFeedParser {

    private static final String CARRIER = "DPD";

    public DpdStatusParser(final ZoneId zone) {
        super(zone);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.DPD_JSON;
    }

    @Override
    protected String rootField() {
        return "parcelLifeCycleData";
    }

    @Override
    protected void readParcel(final JsonParser parser, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        String parcelNumber = null;
        String order = null;
        List<RawTrackingEvent> early = null;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw error(parser, "parcelLifeCycleData", "expected a field");
            }
            final String field = parser.currentName();
            switch (field) {
                case "parcelNumber" -> parcelNumber = text(parser, field);
                case "customerReference" -> order = text(parser, field);
                case "statusInfo" -> {
                    if (parser.nextToken() == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    expect(parser, JsonToken.START_ARRAY, "statusInfo");
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        expect(parser, JsonToken.START_OBJECT, "statusInfo[]");
                        final RawTrackingEvent status = readStatus(parser);
                        if (parcelNumber != null && order != null) {
                            sink.accept(withParcel(status, parcelNumber, order));
                        } else {
                            if (early == null) {
                                early = new ArrayList<>();
                            }
                            early.add(status);
                        }
                    }
                }
                default -> skipValue(parser);
            }
        }
        if (early != null) {
            for (final RawTrackingEvent status : early) {
                sink.accept(withParcel(status, parcelNumber, order));
            }
        }
    }

    private static RawTrackingEvent withParcel(final RawTrackingEvent status, final String parcelNumber, final String order) {
        return new RawTrackingEvent(order, parcelNumber, CARRIER, status.rawCode(), status.rawLabel(), status.eventTime(), status.location());
    }

    private RawTrackingEvent readStatus(final JsonParser parser) throws IOException, TrackingFeedException {
        String status = null;
        String label = null;
        String date = null;
        TrackingLocation location = TrackingLocation.NONE;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.FIELD_NAME) {
                throw error(parser, "statusInfo", "expected a field");
            }
            final String field = parser.currentName();
            switch (field) {
                case "status" -> status = text(parser, field);
                case "label" -> label = text(parser, field);
                case "date" -> date = text(parser, field);
                case "location" -> location = readLocation(parser);
                default -> skipValue(parser);
            }
        }
        return new RawTrackingEvent(null, null, null, status, label, time(parser, "date", date), location);
    }

    private static TrackingLocation readLocation(final JsonParser parser) throws IOException, TrackingFeedException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return TrackingLocation.NONE;
        }
        String city = null;
        String postalCode = null;
        String country = null;
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            final String field = parser.currentName();
            switch (field == null ? "" : field) {
                case "city" -> city = text(parser, field);
                case "postalCode" -> postalCode = text(parser, field);
                case "country" -> country = text(parser, field);
                default -> skipValue(parser);
            }
        }
        return TrackingLocation.of(city, postalCode, country);
    }
}
