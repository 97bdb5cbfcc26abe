package io.nifiecommerce.shopify.fulfillment;

/** One tracking number of a fulfillment, with its company and URL as Shopify holds them (company and URL may be null). */
public record TrackingInfo(String number, String company, String url) {
}
