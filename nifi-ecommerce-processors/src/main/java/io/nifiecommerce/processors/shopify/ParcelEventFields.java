package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.shopify.fulfillment.ParcelEvent;
import io.nifiecommerce.shopify.fulfillment.ShipmentEvent;
import io.nifiecommerce.tracking.TrackingStatus;
import org.apache.nifi.serialization.record.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tracking record as the Shopify fulfillment event(s) of its parcel: the status Shopify knows
 * (the record's Shopify event status, or its canonical status mapped through {@link TrackingStatus}), the
 * event time, the estimated delivery date, the carrier's label and the place. A record whose status has no
 * Shopify counterpart (UNKNOWN, or an ERP shipment without status) gives none.
 */
final class ParcelEventFields {

    /** Shopify's FulfillmentEventStatus values (Admin API 2026-04 and 2026-07). */
    static final Set<String> SHOPIFY_EVENT_STATUSES = Set.of("ATTEMPTED_DELIVERY", "CARRIER_PICKED_UP", "CONFIRMED", "DELAYED",
            "DELIVERED", "FAILURE", "IN_TRANSIT", "LABEL_PRINTED", "LABEL_PURCHASED", "OUT_FOR_DELIVERY", "PICKED_UP", "READY_FOR_PICKUP");

    private final List<String> eventStatus;
    private final List<String> status;
    private final List<String> estimatedDelivery;
    private final List<String> message;
    private final List<String> location;

    ParcelEventFields(final String eventStatus, final String status, final String estimatedDelivery, final String message,
                      final String location) {
        this.eventStatus = ShipmentFields.names(eventStatus);
        this.status = ShipmentFields.names(status);
        this.estimatedDelivery = ShipmentFields.names(estimatedDelivery);
        this.message = ShipmentFields.names(message);
        this.location = ShipmentFields.names(location);
    }

    /** One event per tracking number of the record, or none when its status has no Shopify counterpart. */
    List<ParcelEvent> read(final Record record, final ShipmentEvent shipment) {
        final String shopifyStatus = shopifyStatus(record);
        if (shopifyStatus == null) {
            return List.of();
        }
        final Object place = ShipmentFields.first(record, location);
        final List<ParcelEvent> events = new ArrayList<>();
        for (final String number : shipment.trackingNumbers()) {
            events.add(new ParcelEvent(number, shopifyStatus, shipment.eventTime(), ShipmentFields.instant(ShipmentFields.first(record, estimatedDelivery)),
                    ShipmentFields.text(ShipmentFields.first(record, message)), part(place, "city"), part(place, "postalCode", "zip"),
                    part(place, "country", "countryCode")));
        }
        return events;
    }

    private String shopifyStatus(final Record record) {
        final String given = upper(ShipmentFields.text(ShipmentFields.first(record, eventStatus)));
        if (given != null && SHOPIFY_EVENT_STATUSES.contains(given)) {
            return given;
        }
        final String canonical = upper(ShipmentFields.text(ShipmentFields.first(record, status)));
        if (canonical == null) {
            return null;
        }
        for (final TrackingStatus known : TrackingStatus.values()) {
            if (known.name().equals(canonical)) {
                return known.shopifyEventStatus();
            }
        }
        return SHOPIFY_EVENT_STATUSES.contains(canonical) ? canonical : null;
    }

    private static String upper(final String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    /** A part of the location: a nested record or map, by the first of the names holding a value. */
    private static String part(final Object place, final String... names) {
        for (final String name : names) {
            final Object value = place instanceof Record nested ? nested.getValue(name) : place instanceof Map<?, ?> map ? map.get(name) : null;
            final String text = ShipmentFields.text(value);
            if (text != null) {
                return text;
            }
        }
        return null;
    }
}
