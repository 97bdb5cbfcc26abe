package io.nifiecommerce.company;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The person who orders for a company: Shopify makes a customer of it, found by e-mail, so a contact without an e-mail
 * cannot be created (the Microsoft connector skips such customers for the same reason).
 */
public record CompanyContact(String email, String firstName, String lastName, String phone, String title) {

    public CompanyContact {
        email = CompanyAddress.blankToNull(email);
        firstName = CompanyAddress.blankToNull(firstName);
        lastName = CompanyAddress.blankToNull(lastName);
        phone = CompanyAddress.blankToNull(phone);
        title = CompanyAddress.blankToNull(title);
    }

    /** The {@code CompanyContactInput} variables. */
    Map<String, Object> toInput() {
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("email", email);
        input.put("firstName", firstName);
        input.put("lastName", lastName);
        input.put("phone", phone);
        input.put("title", title);
        return input;
    }
}
