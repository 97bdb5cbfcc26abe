package io.nifiecommerce.edi;

/** The message a 3PL takes shipping instructions in, chosen per partner. */
public enum ShippingMessage {
    /** EDIFACT ORDERS D.96A (EANCOM subset EAN008), BGM 220. */
    EDIFACT_ORDERS_D96A(EdiSyntax.EDIFACT),
    /** X12 940 Warehouse Shipping Order, version 004010, functional group OW. */
    X12_940_4010(EdiSyntax.X12);

    private final EdiSyntax syntax;

    ShippingMessage(final EdiSyntax syntax) {
        this.syntax = syntax;
    }

    public EdiSyntax syntax() {
        return syntax;
    }
}
