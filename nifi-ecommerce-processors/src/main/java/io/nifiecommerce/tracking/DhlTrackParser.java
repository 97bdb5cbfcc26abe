package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * DHL Shipment Tracking - Unified API answers (DHL Express, DHL Paket, eCommerce): {@code shipments[]} with
 * {@code id} (the tracking number), {@code service} ({@code express}, {@code parcel-de}...: the carrier hint),
 * {@code status} and {@code events[]} of {@code {timestamp, location.address, statusCode, status, description}}.
 * One event per entry of {@code events}; a shipment without events gives one event from its {@code status}. The
 * raw code is the unified {@code statusCode} ({@code pre-transit}, {@code transit}, {@code delivered},
 * {@code failure}, {@code unknown}); the carrier's own {@code status} text is the label when there is no
 * description. {@code estimatedTimeOfDelivery} (else the end of {@code estimatedDeliveryTimeFrame}) is the
 * announced delivery date of every event of the shipment.
 */
public final class DhlTrackParser extends JsonFeedParser {

    public DhlTrackParser(final ZoneId zone) {
        super(zone);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.DHL_JSON;
    }

    @Override
    protected String rootField() {
        return "shipments";
    }

    @Override
    protected void readParcel(final JsonParser parser, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        String number = null;
        String service = null;
        String estimated = null;
        String estimatedThrough = null;
        RawTrackingEvent status = null;
        final List<RawTrackingEvent> events = new ArrayList<>();
        String field;
        while ((field = nextField(parser, "shipments")) != null) {
            switch (field) {
                case "id" -> number = text(parser, field);
                case "service" -> service = text(parser, field);
                case "status" -> {
                    if (enterObject(parser)) {
                        status = readEvent(parser);
                    }
                }
                case "events" -> readObjects(parser, field, this::readEvent, events);
                case "estimatedTimeOfDelivery" -> estimated = text(parser, field);
                case "estimatedDeliveryTimeFrame" -> {
                    final String[] frame = new String[2];
                    readFields(parser, field, TIME_FRAME_FIELDS, frame);
                    estimatedThrough = frame[1];
                }
                default -> skipValue(parser);
            }
        }
        // the announced day; the end of the announced window when only a window is given
        final OffsetDateTime estimatedDelivery = estimated != null ? announcedTime(estimated) : announcedTime(estimatedThrough);
        final String hint = service == null ? "DHL" : "express".equalsIgnoreCase(service) ? "DHL Express" : "DHL";
        if (events.isEmpty() && status != null) {
            events.add(status);
        }
        for (final RawTrackingEvent event : events) {
            sink.accept(event.ofParcel(number, hint, estimatedDelivery));
        }
    }

    private RawTrackingEvent readEvent(final JsonParser parser) throws IOException, TrackingFeedException {
        String timestamp = null;
        String statusCode = null;
        String statusText = null;
        String description = null;
        final String[] address = new String[3];
        String field;
        while ((field = nextField(parser, "events")) != null) {
            switch (field) {
                case "timestamp" -> timestamp = text(parser, field);
                case "statusCode" -> statusCode = text(parser, field);
                case "status" -> statusText = text(parser, field);
                case "description" -> description = text(parser, field);
                case "location" -> readAddress(parser, field, ADDRESS_FIELDS, address);
                default -> skipValue(parser);
            }
        }
        final String label = description != null && !description.isEmpty() ? description : statusText;
        return new RawTrackingEvent(null, null, null, statusCode, label, time(parser, "timestamp", timestamp),
                TrackingLocation.of(address[0], address[1], address[2]));
    }

    private static final List<String> ADDRESS_FIELDS = List.of("addressLocality", "postalCode", "countryCode");
    private static final List<String> TIME_FRAME_FIELDS = List.of("estimatedFrom", "estimatedThrough");
}
