package io.nifiecommerce.order;

/**
 * The buying company of a B2B order and the company location it ordered for. External ids are the
 * keys an ERP usually knows the company by; the tax registration number (VAT) is the fallback.
 */
public record Company(String id, String externalId, String name, String locationId, String locationExternalId,
                      String locationName, String taxRegistrationNumber) {
}
