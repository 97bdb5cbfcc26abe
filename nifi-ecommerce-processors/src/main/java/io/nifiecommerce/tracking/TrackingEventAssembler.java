package io.nifiecommerce.tracking;

import java.util.Objects;

/**
 * Turns raw feed events into tracking events: attributes the carrier (the feed's own carrier name first, then
 * format and check digit, then the default carrier) and maps the raw code to a canonical status. A number that
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
    private CarrierMatch lastMatch;

    public TrackingEventAssembler(final CarrierRegistry registry, final StatusMapping statusMapping, final String defaultCarrier) {
        this.registry = Objects.requireNonNull(registry);
        this.statusMapping = Objects.requireNonNull(statusMapping);
        this.defaultCarrier = defaultCarrier == null || defaultCarrier.isBlank() ? null : defaultCarrier.trim();
        this.defaultDefinition = this.defaultCarrier == null ? null : registry.find(this.defaultCarrier);
    }

    public TrackingEvent assemble(final SourceFormat format, final RawTrackingEvent raw) {
        final String number = raw.trackingNumber() == null ? null : CarrierRegistry.compact(raw.trackingNumber());
        final CarrierMatch match = detect(number, raw.carrierHint());
        final String carrier;
        final boolean valid;
        final String shopifyName;
        final String url;
        if (match != null) {
            carrier = match.carrier();
            valid = match.valid();
            shopifyName = match.shopifyName();
            url = match.trackingUrl();
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
                raw.rawLabel(), raw.eventTime(), raw.location() == null ? TrackingLocation.NONE : raw.location(), format);
    }

    private CarrierMatch detect(final String number, final String hint) {
        if (number == null || number.isEmpty()) {
            return null;
        }
        if (number.equals(lastNumber) && Objects.equals(hint, lastHint)) {
            return lastMatch;
        }
        lastNumber = number;
        lastHint = hint;
        lastMatch = registry.detect(number, hint);
        return lastMatch;
    }
}
