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
 * answer gives it, else in the feed's zone. The package's scheduled or rescheduled delivery date
 * ({@code deliveryDate} of type SDD / RDD) is the estimated delivery of its events. Packages are read one at a time.
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
        final List<String[]> deliveryDates = new ArrayList<>();
        final String[] deliveryTime = new String[3];
        String field;
        while ((field = nextField(parser, "package")) != null) {
            switch (field) {
                case "trackingNumber" -> number = text(parser, field);
                case "activity" -> readObjects(parser, field, this::readActivity, events);
                case "deliveryDate" -> readObjects(parser, field, UpsTrackParser::readDeliveryDate, deliveryDates);
                case "deliveryTime" -> readFields(parser, field, DELIVERY_TIME_FIELDS, deliveryTime);
                default -> skipValue(parser);
            }
        }
        final OffsetDateTime estimatedDelivery = estimatedDelivery(parser, deliveryDates, deliveryTime);
        for (final RawTrackingEvent event : events) {
            sink.accept(event.ofParcel(number, CARRIER, estimatedDelivery));
        }
    }

    /** type and date of one {@code deliveryDate} entry. */
    private static String[] readDeliveryDate(final JsonParser parser) throws IOException, TrackingFeedException {
        final String[] typeAndDate = new String[2];
        String field;
        while ((field = nextField(parser, "deliveryDate")) != null) {
            final int index = DELIVERY_DATE_FIELDS.indexOf(field);
            if (index >= 0) {
                typeAndDate[index] = text(parser, field);
            } else {
                skipValue(parser);
            }
        }
        return typeAndDate;
    }

    /**
     * The rescheduled delivery date (type RDD) when UPS gives one, else the scheduled one (SDD); DEL is the date it
     * was delivered, no estimate. The end of the delivery window ({@code deliveryTime.endTime}) gives the time of
     * day when it applies to that estimate (not to the delivery), in the feed's zone: UPS gives no offset.
     */
    private OffsetDateTime estimatedDelivery(final JsonParser parser, final List<String[]> dates, final String[] deliveryTime) {
        String date = null;
        for (final String[] typeAndDate : dates) {
            if ("RDD".equals(typeAndDate[0]) || "SDD".equals(typeAndDate[0]) && date == null) {
                date = typeAndDate[1];
            }
        }
        if (date == null) {
            return null;
        }
        final String endTime = "DEL".equals(deliveryTime[0]) ? null : deliveryTime[2];
        try {
            return time(parser, date, endTime, null);
        } catch (final TrackingFeedException e) {
            // an estimate that cannot be read is left out; the package's events are sound
            return null;
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
    private static final List<String> DELIVERY_DATE_FIELDS = List.of("type", "date");
    private static final List<String> DELIVERY_TIME_FIELDS = List.of("type", "startTime", "endTime");

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
