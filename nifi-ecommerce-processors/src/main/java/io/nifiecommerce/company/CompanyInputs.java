package io.nifiecommerce.company;

import java.util.LinkedHashMap;
import java.util.Map;

/** The location inputs of {@code companyCreate} and {@code companyLocationUpdate}, which differ in what they accept. */
final class CompanyInputs {

    private CompanyInputs() {
    }

    /** {@code CompanyLocationInput}: everything, addresses and tax registration included. */
    static Map<String, Object> newLocation(final CompanyAccount account, final String paymentTermsId) {
        final Map<String, Object> location = locationUpdate(account, paymentTermsId);
        if (account.billing() != null && !account.billing().isEmpty()) {
            location.put("billingAddress", account.billing().toInput());
        }
        final CompanyAddress shipping = account.shippingOrBilling();
        if (shipping != null && !shipping.isEmpty()) {
            location.put("shippingAddress", shipping.toInput());
        }
        if (account.taxRegistrationId() != null) {
            location.put("taxRegistrationId", account.taxRegistrationId());
        }
        return location;
    }

    /** {@code CompanyLocationUpdateInput}: name, phone, externalId and payment terms (addresses and tax have their own mutations). */
    static Map<String, Object> locationUpdate(final CompanyAccount account, final String paymentTermsId) {
        final Map<String, Object> location = new LinkedHashMap<>();
        location.put("name", account.locationName());
        location.put("externalId", account.externalId());
        if (account.phone() != null) {
            location.put("phone", account.phone());
        }
        if (paymentTermsId != null) {
            location.put("buyerExperienceConfiguration", Map.of("paymentTermsTemplateId", paymentTermsId));
        }
        return location;
    }
}
