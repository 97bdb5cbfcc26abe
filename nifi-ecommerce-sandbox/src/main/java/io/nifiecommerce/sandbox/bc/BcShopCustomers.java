package io.nifiecommerce.sandbox.bc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bundle's BC extension page {@code NEC Shop Customers}: the customers with what API v2.0 leaves out and a B2B shop
 * needs, their customer price group and default ship-to address, at {@code
 * api/nifiEcommerce/catalog/v1.0/companies(<id>)/shopCustomers}. A read-only view of the company's customers, as if the
 * extension were installed: route and fields come from the AL source shipped with the sandbox (a test keeps it identical
 * to {@code bc-extension/src}); the Customer table fields API v2.0 does not show are set with
 * {@link BcCompany#putCustomerCard}.
 */
public final class BcShopCustomers {

    public static final String SOURCE_FILE = "ShopCustomers.Page.al";
    public static final AlPage SOURCE = AlPageParser.parse(BcPages.resource("custom/" + SOURCE_FILE));

    /** The fields of the page that API v2.0 customers do not have: Customer table fields and the default Ship-to Address. */
    public static final List<BcField> CARD_FIELDS = List.of(BcField.code("customerPriceGroup", 10), BcField.code("customerDiscountGroup", 20),
            BcField.code("shipToCode", 10), BcField.text("shipToName", 100), BcField.text("shipToAddressLine1", 100),
            BcField.text("shipToAddressLine2", 50), BcField.text("shipToCity", 30), BcField.code("shipToPostCode", 20),
            BcField.text("shipToState", 30), BcField.code("shipToCountry", 10));

    /** The ship-to fields, blank together when the customer has no default ship-to code (the page clears its Ship-to Address). */
    static final Set<String> SHIP_TO_ADDRESS = Set.of("shipToName", "shipToAddressLine1", "shipToAddressLine2", "shipToCity",
            "shipToPostCode", "shipToState", "shipToCountry");

    public static final BcCustomPage PAGE = new BcCustomPage(SOURCE.apiPublisher(), SOURCE.apiGroup(), SOURCE.apiVersion(), SOURCE.entitySetName(),
            BcEntityType.fromPage(SOURCE, "Customer", columns()));

    private BcShopCustomers() {
    }

    private static List<BcField> columns() {
        final List<String> standard = List.of("id", "number", "displayName", "type", "addressLine1", "addressLine2", "city", "state",
                "country", "postalCode", "phoneNumber", "email", "salespersonCode", "taxRegistrationNumber", "paymentTermsId", "blocked");
        final List<BcField> columns = new ArrayList<>();
        standard.forEach(name -> columns.add(BcEntityType.CUSTOMER.require(name)));
        columns.addAll(CARD_FIELDS);
        columns.add(BcEntityType.CUSTOMER.require("lastModifiedDateTime"));
        return List.copyOf(columns);
    }
}
