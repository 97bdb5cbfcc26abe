package io.nifiecommerce.businesscentral;

/** A BC document already carrying an order's external document number, and where it was found. */
public record ExistingDocument(String entitySet, String id, String number) {
}
