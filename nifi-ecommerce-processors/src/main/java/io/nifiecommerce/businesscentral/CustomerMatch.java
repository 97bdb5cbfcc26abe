package io.nifiecommerce.businesscentral;

/** One way of finding the BC customer of an order; a segment's policy tries several in order. */
public enum CustomerMatch {
    /** B2B: the company's external id is the BC customer number. */
    EXTERNAL_ID,
    /** B2B: the company's tax registration (VAT) number. */
    TAX_REGISTRATION_NUMBER,
    /** The order's email address. */
    EMAIL,
    /** Create the customer from the template (after an email lookup found none). */
    CREATE,
    /** The segment's default customer number (e.g. a "Webshop consumers" account). */
    DEFAULT
}
