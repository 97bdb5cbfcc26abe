package io.nifiecommerce.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.sandbox.bc.AlPage;
import io.nifiecommerce.sandbox.bc.BcPages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BC reads the bundle ships are made of fields Microsoft's API v2.0 pages have: every question of the
 * erp-data-on-demand flow definition (entity set, key, filter, $select, $orderby) and the customer fields PutShopifyCompanies
 * reads, checked against the AL page definitions.
 */
class OnDemandReadsContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FLOW = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference")).getParent()
            .resolve("flow-templates").resolve("erp-data-on-demand.json");
    private static final Pattern FILTER_FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s+(eq|ne|gt|ge|lt|le)\\s");

    @Test
    void everyQuestionOfTheFlowNamesFieldsOfItsPage() throws IOException {
        final List<String> checked = new ArrayList<>();
        for (final JsonNode processor : MAPPER.readTree(FLOW.toFile()).path("flowContents").path("processors")) {
            if (!processor.path("type").asText().endsWith("FetchBusinessCentralRecords")) {
                continue;
            }
            final JsonNode properties = processor.path("properties");
            final AlPage page = BcPages.of(properties.path("Entity Set").asText());
            final List<String> fields = new ArrayList<>(List.of(properties.path("Select").asText().split(",")));
            fields.add(properties.path("Key Field").asText());
            if (properties.hasNonNull("Order By")) {
                fields.add(properties.path("Order By").asText().split(" ")[0]);
            }
            if (properties.hasNonNull("Filter")) {
                final Matcher matcher = FILTER_FIELD.matcher(properties.path("Filter").asText());
                while (matcher.find()) {
                    fields.add(matcher.group(1));
                }
            }
            for (final String field : fields) {
                assertTrue(page.field(field.trim()).isPresent(), processor.path("name").asText() + ": " + page.entitySetName() + " has no field " + field);
            }
            checked.add(page.entitySetName());
        }
        assertEquals(List.of("items", "salesOrders", "salesInvoices"), checked.stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(final String entitySet) {
        return List.of("items", "salesOrders", "salesInvoices").indexOf(entitySet);
    }

    @Test
    void theCustomerFieldsPutShopifyCompaniesReadsAreOnTheCustomersPage() {
        final AlPage customers = BcPages.of("customers");
        for (final String field : List.of("number", "displayName", "type", "addressLine1", "addressLine2", "city", "state", "country",
                "postalCode", "phoneNumber", "email", "taxRegistrationNumber", "paymentTermsId", "blocked", "lastModifiedDateTime")) {
            assertTrue(customers.field(field).isPresent(), "customers has no field " + field);
        }
        // what API v2.0 does not offer, and the bundle therefore takes from a custom page or a mapping
        assertFalse(customers.field("customerPriceGroup").isPresent());
        assertFalse(customers.field("shipToAddressLine1").isPresent());
    }

    /** The flow reads the bc-extension's shopCustomers instead: every field PutShopifyCompanies reads is on it, price group and ship-to included. */
    @Test
    void theCustomerFieldsPutShopifyCompaniesReadsAreOnTheShopCustomersPage() {
        final AlPage shopCustomers = io.nifiecommerce.sandbox.bc.BcShopCustomers.SOURCE;
        for (final String field : List.of("id", "number", "displayName", "type", "addressLine1", "addressLine2", "city", "state", "country",
                "postalCode", "phoneNumber", "email", "taxRegistrationNumber", "paymentTermsId", "blocked", "lastModifiedDateTime",
                "customerPriceGroup", "shipToName", "shipToAddressLine1", "shipToAddressLine2", "shipToCity", "shipToPostCode", "shipToState",
                "shipToCountry")) {
            assertTrue(shopCustomers.field(field).isPresent(), "shopCustomers has no field " + field);
        }
    }

    /** Picture Source reads items(id)/picture/pictureContent: the items page's picture part and the pictures page's media field. */
    @Test
    void thePictureTheProductsReadIsTheItemsPicturePart() throws java.io.IOException {
        final AlPage.Part part = BcPages.of("items").part("picture").orElseThrow();
        assertEquals("pictures", part.entitySetName());
        final AlPage pictures = io.nifiecommerce.sandbox.bc.AlPageParser.parse(java.nio.file.Files.readString(
                Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference"), "bc-api-v2.0-pages", "APIV2Pictures.Page.al")));
        assertTrue(pictures.field("pictureContent").isPresent(), "the media stream PublishShopifyProducts reads");
    }
}
