package io.nifiecommerce.tracking;

/**
 * The carrier a tracking number was attributed to.
 *
 * @param definition  the format that matched (or the carrier named by the feed when {@code valid} is false)
 * @param number      the number without whitespace, upper case
 * @param valid       true when the number fits the format and its check digit
 * @param shopifyName the tracking company name Shopify recognises
 * @param trackingUrl the public tracking page, or null
 */
public record CarrierMatch(CarrierDefinition definition, String number, boolean valid, String shopifyName, String trackingUrl) {

    public String carrier() {
        return definition.family();
    }
}
