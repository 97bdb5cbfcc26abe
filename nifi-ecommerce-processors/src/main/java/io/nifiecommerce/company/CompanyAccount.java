package io.nifiecommerce.company;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One BC customer as a Shopify B2B account: a company keyed by {@code externalId} (the customer number), its one
 * location (same externalId) with billing and shipping addresses, tax registration, payment terms and catalog, and its
 * main contact.
 *
 * @param shipping      null when goods go to the billing address
 * @param paymentTerms  a Shopify payment terms template (GID or name), already mapped from BC's terms; null for none
 * @param catalog       a Shopify company-location catalog (GID or exact title); null for none
 * @param contact       null when the customer has no e-mail: the company is still created, without contact
 */
public record CompanyAccount(String externalId, String name, String note, String locationName, String phone,
                             CompanyAddress billing, CompanyAddress shipping, String taxRegistrationId, String paymentTerms,
                             String catalog, CompanyContact contact) {

    public CompanyAccount {
        Objects.requireNonNull(externalId, "externalId");
        note = CompanyAddress.blankToNull(note);
        locationName = CompanyAddress.blankToNull(locationName) == null ? name : locationName.trim();
        phone = CompanyAddress.blankToNull(phone);
        taxRegistrationId = CompanyAddress.blankToNull(taxRegistrationId);
        paymentTerms = CompanyAddress.blankToNull(paymentTerms);
        catalog = CompanyAddress.blankToNull(catalog);
    }

    /** Where goods go: the shipping address when given, else the billing one. */
    public CompanyAddress shippingOrBilling() {
        return shipping == null || shipping.isEmpty() ? billing : shipping;
    }

    /**
     * 63 bits of SHA-256 over every field sent to Shopify: equal fingerprints mean nothing to send. Stable across JVMs,
     * since it is what the delta memory keeps between runs.
     */
    public long fingerprint() {
        final MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        for (final Object part : new Object[] {externalId, name, note, locationName, phone, billing, shippingOrBilling(), taxRegistrationId,
                paymentTerms, catalog, contact}) {
            sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return ByteBuffer.wrap(sha256.digest()).getLong() >>> 1;
    }
}
