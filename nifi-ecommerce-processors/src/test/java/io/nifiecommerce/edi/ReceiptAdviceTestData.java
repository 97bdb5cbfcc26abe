package io.nifiecommerce.edi;

/** Receipt interchanges shared by the core and processor tests. */
public final class ReceiptAdviceTestData {

    /** The 3PL received a replenishment: 100 of which 4 damaged, and 50 of which 10 held for quality control. */
    public static final String RECADV = ReceiptAdviceTest.RECADV;

    /** BC purchase order 106001 with two open lines (100 and 50 ordered). */
    public static java.util.Map<String, Object> purchaseOrder() {
        return ReceiptAdviceTest.purchaseOrder();
    }

    private ReceiptAdviceTestData() {
    }
}
