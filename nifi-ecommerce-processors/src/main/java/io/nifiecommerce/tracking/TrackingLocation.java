package io.nifiecommerce.tracking;

/** Where a tracking event happened; any part may be null. */
public record TrackingLocation(String city, String postalCode, String country) {

    public static final TrackingLocation NONE = new TrackingLocation(null, null, null);

    public static TrackingLocation of(final String city, final String postalCode, final String country) {
        if (city == null && postalCode == null && country == null) {
            return NONE;
        }
        return new TrackingLocation(city, postalCode, country);
    }
}
