package io.nifiecommerce.tracking;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * UPS Track API (v1) answers: {@code trackResponse.shipment[].package[]}, one event per {@code activity} with the
 * package's {@code trackingNumber}. The raw code is the activity's numeric {@code status.statusCode} (leading zeros
 * removed: {@code 011} is 11, Delivered, in UPS's Status/Description code list), else its {@code status.type}
 * letter. The time is {@code date} {@code yyyyMMdd} and {@code time} {@code HHmmss} at {@code gmtOffset} when the
 * answer gives it, else in the feed's zone. Packages are read one at a time.
 */
public final class UpsTrackParser extends JsonFeedParser {

    private static final String CARRIER = "UPS";

    public UpsTrackParser(final ZoneId zone) {
        super(zone);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.UPS_JSON;
    }

    @Override
    protected String rootField() {
        return "package";
    }

    @Override
    protected void readParcel(final JsonParser parser, final TrackingEventSink sink) throws IOException, TrackingFeedException {
        String number = null;
        final List<RawTrackingEvent> events = new ArrayList<>();
        String field;
        while ((field = nextField(parser, "package")) != null) {
            switch (field) {
                case "trackingNumber" -> number = text(parser, field);
                case "activity" -> readObjects(parser, field, this::readActivity, events);
                default -> skipValue(parser);
            }
        }
        for (final RawTrackingEvent event : events) {
            sink.accept(new RawTrackingEvent(null, number, CARRIER, event.rawCode(), event.rawLabel(), event.eventTime(), event.location()));
        }
    }

    private RawTrackingEvent readActivity(final JsonParser parser) throws IOException, TrackingFeedException {
        String date = null;
        String time = null;
        String gmtOffset = null;
        final String[] status = new String[3];
        final String[] address = new String[3];
        String field;
        while ((field = nextField(parser, "activity")) != null) {
            switch (field) {
                case "date" -> date = text(parser, field);
                case "time" -> time = text(parser, field);
                case "gmtOffset" -> gmtOffset = text(parser, field);
                case "status" -> readFields(parser, field, STATUS_FIELDS, status);
                case "location" -> readAddress(parser, field, ADDRESS_FIELDS, address);
                default -> skipValue(parser);
            }
        }
        final String statusCode = status[0];
        final String code = statusCode != null && !statusCode.isEmpty() ? withoutLeadingZeros(statusCode) : status[1];
        return new RawTrackingEvent(null, null, null, code, status[2], time(parser, date, time, gmtOffset),
                TrackingLocation.of(address[0], address[1], address[2]));
    }

    private static final List<String> STATUS_FIELDS = List.of("statusCode", "type", "description");
    private static final List<String> ADDRESS_FIELDS = List.of("city", "postalCode", "countryCode");

    private static String withoutLeadingZeros(final String code) {
        int start = 0;
        while (start < code.length() - 1 && code.charAt(start) == '0') {
            start++;
        }
        return code.substring(start);
    }

    private OffsetDateTime time(final JsonParser parser, final String date, final String time, final String gmtOffset)
            throws TrackingFeedException {
        if (date == null || date.isEmpty()) {
            return null;
        }
        final String clock = time == null || time.isEmpty() ? "000000" : time;
        try {
            if (date.length() != 8 || clock.length() != 6) {
                throw new DateTimeException("expected yyyyMMdd and HHmmss");
            }
            final LocalDateTime local = LocalDateTime.of(Integer.parseInt(date, 0, 4, 10), Integer.parseInt(date, 4, 6, 10),
                    Integer.parseInt(date, 6, 8, 10), Integer.parseInt(clock, 0, 2, 10), Integer.parseInt(clock, 2, 4, 10),
                    Integer.parseInt(clock, 4, 6, 10));
            if (gmtOffset != null && !gmtOffset.isEmpty()) {
                return local.atOffset(ZoneOffset.of(gmtOffset));
            }
            return local.atZone(zone).toOffsetDateTime();
        } catch (final DateTimeException | NumberFormatException e) {
            throw error(parser, "date", "invalid date-time [" + date + " " + time + (gmtOffset == null ? "" : " " + gmtOffset) + "]");
        }
    }
}
