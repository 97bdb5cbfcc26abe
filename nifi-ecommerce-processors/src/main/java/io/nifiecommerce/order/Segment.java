package io.nifiecommerce.order;

/** Who bought: a business through a company account (B2B) or a consumer (B2C). They take different paths to the ERP. */
public enum Segment {
    B2B,
    B2C
}
