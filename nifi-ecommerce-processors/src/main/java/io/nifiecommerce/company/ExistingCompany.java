package io.nifiecommerce.company;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A company as Shopify holds it, read by {@code CompaniesByExternalId}: what the sync compares before sending anything.
 *
 * @param location the location whose externalId is the company's, else its first; null when it has none
 */
public record ExistingCompany(String id, String externalId, String name, String note, String mainContactId, Location location) {

    /** The company location the sync maintains. */
    public record Location(String id, String externalId, String name, String phone, String taxRegistrationId,
                           String paymentTermsTemplateId, CompanyAddress billing, CompanyAddress shipping, List<String> catalogIds) {
    }

    static ExistingCompany from(final JsonNode company) {
        final String externalId = CompanyAddress.text(company, "externalId");
        Location chosen = null;
        for (final JsonNode location : company.path("locations").path("nodes")) {
            final Location read = location(location);
            if (chosen == null || externalId != null && externalId.equals(read.externalId())) {
                chosen = read;
            }
        }
        return new ExistingCompany(company.path("id").asText(), externalId, CompanyAddress.text(company, "name"),
                CompanyAddress.text(company, "note"), CompanyAddress.text(company.path("mainContact"), "id"), chosen);
    }

    private static Location location(final JsonNode location) {
        final List<String> catalogs = new ArrayList<>();
        location.path("catalogs").path("nodes").forEach(catalog -> catalogs.add(catalog.path("id").asText()));
        return new Location(location.path("id").asText(), CompanyAddress.text(location, "externalId"), CompanyAddress.text(location, "name"),
                CompanyAddress.text(location, "phone"), CompanyAddress.blankToNull(CompanyAddress.text(location.path("taxSettings"), "taxRegistrationId")),
                CompanyAddress.text(location.path("buyerExperienceConfiguration").path("paymentTermsTemplate"), "id"),
                CompanyAddress.from(location.path("billingAddress")), CompanyAddress.from(location.path("shippingAddress")), List.copyOf(catalogs));
    }
}
