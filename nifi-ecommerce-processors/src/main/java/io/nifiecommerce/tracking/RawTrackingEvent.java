package io.nifiecommerce.tracking;

import java.time.OffsetDateTime;

/**
 * One status event as a feed states it, before carrier detection and status mapping.
 *
 * @param carrierHint the carrier the feed names (SCAC, NAD+CA party, product), or null
 */
public record RawTrackingEvent(String orderReference, String trackingNumber, String carrierHint, String rawCode,
                               String rawLabel, OffsetDateTime eventTime, TrackingLocation location) {
}
