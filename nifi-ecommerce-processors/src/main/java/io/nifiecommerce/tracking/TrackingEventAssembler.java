package io.nifiecommerce.tracking;

import java.util.Objects;

/**
 * Turns raw feed events into tracking events: attributes the carrier (the feed's own carrier name first, then
 * format and check digit, then the default carrier) and maps the raw code to a canonical status. A number several
 * carriers' formats fit (and no check digit decides) goes to the default carrier when it is one of them, and is
 * otherwise reported with its candidates and no carrier. A number that
 * matches nothing keeps its event with {@code carrierValid=false}; nothing is dropped. Not thread-safe (it
 * remembers the last number, since feeds list several events per parcel in a row).
 */
public final class TrackingEventAssembler {

    private final CarrierRegistry registry;
    private final StatusMapping statusMapping;
    private final String defaultCarrier;
    private final CarrierDefinition defaultDefinition;

    private String lastNumber;
    private String lastHint;
    private CarrierRegistry.Detection lastMatch;

    public TrackingEventAssembler(final CarrierRegistry registry, final StatusMapping statusMapping, final String defaultCarrier) {
        this.registry = Objects.requireNonNull(registry);
        this.statusMapping = Objects.requireNonNull(statusMapping);
        this.defaultCarrier = defaultCarrier == null || defaultCarrier.isBlank() ? null : defaultCarrier.trim();
        this.defaultDefinition = this.defaultCarrier == null ? null : registry.find(this.defaultCarrier);
    }

    public TrackingEvent assemble(final SourceFormat format, final RawTrackingEvent raw) {
        final String number = raw.trackingNumber() == null ? null : CarrierRegistry.compact(raw.trackingNumber());
        final CarrierRegistry.Detection detection = detect(number, raw.carrierHint());
        CarrierMatch match = detection.match();
        String candidates = null;
        if (detection.ambiguous()) {
            // the flow's default carrier is the sender of the feed: it decides between the carriers that fit
            if (defaultDefinition != null && detection.candidates().contains(defaultDefinition.family())) {
                match = registry.detect(number, defaultDefinition.family());
            } else {
                candidates = String.join(",", detection.candidates());
            }
        }
        final String carrier;
        final boolean valid;
        final String shopifyName;
        final String url;
        if (match != null) {
            carrier = match.carrier();
            valid = match.valid();
            shopifyName = match.shopifyName();
            url = match.trackingUrl();
        } else if (candidates != null) {
            carrier = null;
            valid = false;
            shopifyName = null;
            url = null;
        } else if (defaultDefinition != null) {
            carrier = defaultDefinition.family();
            valid = false;
            shopifyName = defaultDefinition.shopifyName();
            url = number == null ? null : defaultDefinition.trackingUrlFor(number);
        } else {
            carrier = defaultCarrier;
            valid = false;
            shopifyName = defaultCarrier;
            url = null;
        }
        final TrackingStatus status = statusMapping.map(format, raw.rawCode());
        return new TrackingEvent(raw.orderReference(), number, carrier, valid, shopifyName, url, status, raw.rawCode(),
                raw.rawLabel(), raw.eventTime(), raw.location() == null ? TrackingLocation.NONE : raw.location(), format, candidates,
                raw.estimatedDeliveryAt());
    }

    private CarrierRegistry.Detection detect(final String number, final String hint) {
        if (number == null || number.isEmpty()) {
            return NO_NUMBER;
        }
        if (number.equals(lastNumber) && Objects.equals(hint, lastHint)) {
            return lastMatch;
        }
        lastNumber = number;
        lastHint = hint;
        lastMatch = registry.classify(number, hint);
        return lastMatch;
    }

    private static final CarrierRegistry.Detection NO_NUMBER = new CarrierRegistry.Detection(null, java.util.List.of());
}
