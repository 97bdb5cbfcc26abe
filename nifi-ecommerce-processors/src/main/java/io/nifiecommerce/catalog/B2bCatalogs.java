package io.nifiecommerce.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.stock.SkuResolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds or makes the B2B catalog and price list of an ERP price group. The catalog is found by its title (the title
 * prefix and the group code), so a run replayed after a lost answer finds what it made instead of making it twice.
 * A new catalog has no company location: the companies step assigns each company location its catalog.
 */
public final class B2bCatalogs {

    /** A price group's catalog and price list in Shopify. */
    public record PriceListRef(String catalogId, String priceListId, String currency) {
    }

    private final CatalogCalls calls;
    private final String titlePrefix;

    public B2bCatalogs(final CatalogCalls calls, final String titlePrefix) {
        this.calls = calls;
        this.titlePrefix = titlePrefix == null ? "" : titlePrefix;
    }

    public String title(final String priceGroup) {
        return titlePrefix + priceGroup;
    }

    /**
     * The catalog and price list of the group, made when missing.
     *
     * @throws CatalogSetupException when Shopify refuses to make them (its userErrors code)
     */
    public PriceListRef ensure(final String priceGroup, final String currency) {
        final String title = title(priceGroup);
        final GraphQlResponse found = calls.idempotent(CatalogDocuments.CATALOGS_BY_TITLE,
                Map.of("query", SkuResolver.searchQuery("title", List.of(title))));
        String catalogId = null;
        JsonNode priceList = null;
        for (final JsonNode catalog : found.at("catalogs.nodes")) {
            if (title.equals(catalog.path("title").asText())) {
                catalogId = catalog.path("id").asText();
                priceList = catalog.path("priceList");
                break;
            }
        }
        if (catalogId == null) {
            final Map<String, Object> input = new LinkedHashMap<>();
            input.put("title", title);
            input.put("status", "ACTIVE");
            input.put("context", Map.of("companyLocationIds", List.of()));
            final GraphQlResponse created = calls.creating(CatalogDocuments.CATALOG_CREATE, Map.of("input", input));
            failOnUserErrors(created.at("catalogCreate.userErrors"), "catalogCreate", priceGroup);
            catalogId = created.at("catalogCreate.catalog.id").asText();
        }
        if (priceList != null && priceList.hasNonNull("id")) {
            if (!currency.equals(priceList.path("currency").asText())) {
                throw new CatalogSetupException("PRICE_LIST_CURRENCY_MISMATCH", "The price list of " + title + " is in "
                        + priceList.path("currency").asText() + ", the ERP's prices in " + currency);
            }
            return new PriceListRef(catalogId, priceList.path("id").asText(), currency);
        }
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", title);
        input.put("currency", currency);
        // no adjustment: prices without a fixed price stay the shop's; the ERP's come as fixed prices
        input.put("parent", Map.of("adjustment", Map.of("type", "PERCENTAGE_DECREASE", "value", 0.0)));
        input.put("catalogId", catalogId);
        final GraphQlResponse created = calls.creating(CatalogDocuments.PRICE_LIST_CREATE, Map.of("input", input));
        failOnUserErrors(created.at("priceListCreate.userErrors"), "priceListCreate", priceGroup);
        return new PriceListRef(catalogId, created.at("priceListCreate.priceList.id").asText(), currency);
    }

    private static void failOnUserErrors(final JsonNode errors, final String mutation, final String priceGroup) {
        if (errors.isArray() && !errors.isEmpty()) {
            throw new CatalogSetupException(errors.get(0).path("code").asText("USER_ERROR"),
                    mutation + " refused for price group " + priceGroup + ": " + errors.get(0).path("message").asText());
        }
    }

    /** Shopify refused to make a catalog or price list: every line of the group fails with the code. */
    public static final class CatalogSetupException extends RuntimeException {
        private final String code;

        public CatalogSetupException(final String code, final String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
