package io.nifiecommerce.edi;

/** A well-formed retail order that cannot become a BC order as it stands: unknown GLN, no price... */
public class RetailOrderException extends RuntimeException {

    private final transient RetailOrder order;
    private final String code;

    public RetailOrderException(final RetailOrder order, final String code, final String message) {
        super(message);
        this.order = order;
        this.code = code;
    }

    public RetailOrder order() {
        return order;
    }

    /** A stable code for the error.code attribute: UNKNOWN_BUYER, NO_PRICE... */
    public String code() {
        return code;
    }
}
