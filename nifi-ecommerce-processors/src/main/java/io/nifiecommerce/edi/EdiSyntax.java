package io.nifiecommerce.edi;

/** The two EDI syntaxes the bundle reads and writes. */
public enum EdiSyntax {
    /** UN/EDIFACT syntax version 3 (UNOC character set), EANCOM subsets. */
    EDIFACT,
    /** ASC X12 version 004010. */
    X12
}
