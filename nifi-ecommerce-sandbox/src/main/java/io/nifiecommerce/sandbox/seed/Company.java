package io.nifiecommerce.sandbox.seed;

import java.util.List;

/**
 * A B2B company with its locations (where it is billed and shipped) and its contacts (customers
 * allowed to order for it).
 */
public record Company(long id, String name, String externalId, String vatNumber, List<CompanyLocation> locations,
                      List<CompanyContact> contacts) {

    /** A place of the company, billed and shipped separately; the tax registration is its VAT number. */
    public record CompanyLocation(long id, String name, String externalId, String taxRegistrationId,
                                  Address billingAddress, Address shippingAddress) {
    }

    /** A customer acting for the company. */
    public record CompanyContact(long id, long customerId, boolean mainContact, String title) {
    }
}
