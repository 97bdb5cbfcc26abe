package io.nifiecommerce.sandbox.seed;

/** A postal address as Shopify's MailingAddress carries it. */
public record Address(String firstName, String lastName, String company, String address1, String address2,
                      String zip, String city, String province, String countryCode, String country, String phone) {
}
