package io.nifiecommerce.order;

/**
 * A postal address as the shop knows it. Country is the ISO 3166-1 alpha-2 code.
 */
public record Address(String name, String company, String address1, String address2, String city,
                      String province, String postalCode, String countryCode, String phone) {
}
