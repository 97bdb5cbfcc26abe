package io.nifiecommerce.edi;

/** A shipment confirmation that does not fit the BC order it names: nothing is posted, a person decides. */
public class ShipmentPostingException extends RuntimeException {

    private final String code;

    public ShipmentPostingException(final String code, final String message) {
        super(message);
        this.code = code;
    }

    /** UNMATCHED_LINE, OVER_SHIPMENT, MISMATCHED_ORDER, NOTHING_SHIPPED... */
    public String code() {
        return code;
    }
}
