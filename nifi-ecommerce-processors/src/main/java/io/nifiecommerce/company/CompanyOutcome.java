package io.nifiecommerce.company;

/**
 * What became of one account: created, updated, unchanged (nothing to send), or failed with Shopify's userError code (or
 * ours: NO_CATALOG, NO_PAYMENT_TERMS) and message.
 *
 * @param companyId the company's GID, when known
 */
public record CompanyOutcome(String externalId, Status status, String companyId, String code, String message) {

    public enum Status { CREATED, UPDATED, UNCHANGED, FAILED }

    static CompanyOutcome of(final String externalId, final Status status, final String companyId) {
        return new CompanyOutcome(externalId, status, companyId, null, null);
    }

    static CompanyOutcome failed(final String externalId, final String companyId, final String code, final String message) {
        return new CompanyOutcome(externalId, Status.FAILED, companyId, code, message);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
