package io.nifiecommerce.sandbox.seed;

/** A retail or B2B-contact customer. */
public record Customer(long id, String firstName, String lastName, String email, String phone, Address address) {

    public String displayName() {
        return firstName + " " + lastName;
    }
}
