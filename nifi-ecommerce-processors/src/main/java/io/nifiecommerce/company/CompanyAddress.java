package io.nifiecommerce.company;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A company location's billing or shipping address as Shopify's {@code CompanyAddressInput} takes it. Blank parts are
 * absent, so that an address read back from Shopify (nulls) equals the one sent (empty strings from BC).
 */
public record CompanyAddress(String address1, String address2, String city, String zip, String zoneCode, String countryCode,
                             String recipient, String phone) {

    public CompanyAddress {
        address1 = blankToNull(address1);
        address2 = blankToNull(address2);
        city = blankToNull(city);
        zip = blankToNull(zip);
        zoneCode = blankToNull(zoneCode);
        countryCode = blankToNull(countryCode) == null ? null : countryCode.trim().toUpperCase(Locale.ROOT);
        recipient = blankToNull(recipient);
        phone = blankToNull(phone);
    }

    /** An address from a {@code CompanyAddress} object of a Shopify answer; null for a missing one. */
    static CompanyAddress from(final JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return new CompanyAddress(text(node, "address1"), text(node, "address2"), text(node, "city"), text(node, "zip"),
                text(node, "zoneCode"), text(node, "countryCode"), text(node, "recipient"), text(node, "phone"));
    }

    /** Whether the address has nothing Shopify could use: no street, no city, no country. */
    public boolean isEmpty() {
        return address1 == null && city == null && countryCode == null;
    }

    /** The {@code CompanyAddressInput} variables. */
    Map<String, Object> toInput() {
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("address1", address1);
        input.put("address2", address2);
        input.put("city", city);
        input.put("zip", zip);
        input.put("zoneCode", zoneCode);
        input.put("countryCode", countryCode);
        input.put("recipient", recipient);
        input.put("phone", phone);
        return input;
    }

    static String text(final JsonNode node, final String field) {
        final JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
