package io.nifiecommerce.tracking;

import java.time.OffsetDateTime;

/**
 * One status event as a feed states it, before carrier detection and status mapping.
 *
 * @param carrierHint         the carrier the feed names (SCAC, NAD+CA party, product), or null
 * @param estimatedDeliveryAt the delivery date the carrier announces for the parcel when the event was read, or null
 */
public record RawTrackingEvent(String orderReference, String trackingNumber, String carrierHint, String rawCode,
                               String rawLabel, OffsetDateTime eventTime, TrackingLocation location,
                               OffsetDateTime estimatedDeliveryAt) {

    /** An event of a feed that announces no delivery date. */
    public RawTrackingEvent(final String orderReference, final String trackingNumber, final String carrierHint, final String rawCode,
                            final String rawLabel, final OffsetDateTime eventTime, final TrackingLocation location) {
        this(orderReference, trackingNumber, carrierHint, rawCode, rawLabel, eventTime, location, null);
    }

    /** The same event of the parcel {@code number}, named {@code hint}, with the delivery date the feed announces for it. */
    RawTrackingEvent ofParcel(final String number, final String hint, final OffsetDateTime estimatedDelivery) {
        return new RawTrackingEvent(orderReference, number, hint, rawCode, rawLabel, eventTime, location, estimatedDelivery);
    }
}
