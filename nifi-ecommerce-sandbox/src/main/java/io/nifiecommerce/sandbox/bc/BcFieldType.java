package io.nifiecommerce.sandbox.bc;

/** The Edm types of the Business Central API fields, with how BC stores them. */
public enum BcFieldType {
    /** Text: stored as given. */
    STRING,
    /** Code: BC stores it upper-cased and trimmed, and filters compare it upper-cased. */
    CODE,
    GUID,
    DECIMAL,
    INTEGER,
    BOOLEAN,
    /** Edm.Date, {@code 2026-08-18}. */
    DATE,
    /** Edm.DateTimeOffset, {@code 2026-08-18T20:05:51.677Z}. */
    DATETIME,
    /** An AL enum exposed as its caption string ({@code "Open"}, {@code "Item"}). */
    ENUM
}
