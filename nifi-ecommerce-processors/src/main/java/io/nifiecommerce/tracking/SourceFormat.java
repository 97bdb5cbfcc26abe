package io.nifiecommerce.tracking;

/** The feed formats ParseCarrierTracking reads; the names are the keys of the status mapping tables. */
public enum SourceFormat {
    IFTSTA,
    X12_214,
    LAPOSTE_JSON,
    GLS_JSON,
    DPD_JSON,
    CSV,
    UPS_JSON,
    DHL_JSON,
    CHRONOPOST_XML
}
