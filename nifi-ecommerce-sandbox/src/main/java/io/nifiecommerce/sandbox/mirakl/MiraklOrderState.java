package io.nifiecommerce.sandbox.mirakl;

/**
 * The order states of the Mirakl seller API (OR11 {@code order_state}, {@code order_line_state}) the simulator moves
 * orders through. STAGING and WAITING_DEBIT are operator-side steps a seller only sees in passing; the simulator
 * goes from acceptance to WAITING_DEBIT_PAYMENT and, once the customer is debited, to SHIPPING.
 */
public enum MiraklOrderState {
    STAGING,
    WAITING_ACCEPTANCE,
    WAITING_DEBIT,
    WAITING_DEBIT_PAYMENT,
    SHIPPING,
    SHIPPED,
    TO_COLLECT,
    RECEIVED,
    CLOSED,
    REFUSED,
    CANCELED
}
