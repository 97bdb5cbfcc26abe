package io.nifiecommerce.company;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.shopify.GraphQlResponse;
import io.nifiecommerce.shopify.ShopifyDocument;
import io.nifiecommerce.shopify.ShopifyGraphQlClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The B2B calls of the company sync over one shop's {@link ShopifyGraphQlClient} (its cost budget and retries). Calls
 * that only set values are sent as idempotent; {@code companyCreate} and {@code companyContactCreate} are not, so a lost
 * answer is thrown for the caller to look the company up again before anything is resent.
 */
public class ShopifyCompanyApi {

    /** Companies per look-up: 20 with 3 locations and 5 catalogs each keeps the requested cost near 450 of the 1,000 allowed. */
    public static final int COMPANIES_PER_LOOKUP = 20;
    /** Shopify's limit on input arrays. */
    public static final int LOCATIONS_PER_CATALOG_UPDATE = 250;

    private final ShopifyGraphQlClient client;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger mutations = new AtomicInteger();

    public ShopifyCompanyApi(final ShopifyGraphQlClient client) {
        this.client = client;
    }

    /** The companies with these external ids, by external id; ids Shopify does not know are absent. */
    public Map<String, ExistingCompany> companiesByExternalId(final List<String> externalIds) {
        final Map<String, ExistingCompany> found = new HashMap<>();
        for (int from = 0; from < externalIds.size(); from += COMPANIES_PER_LOOKUP) {
            final List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + COMPANIES_PER_LOOKUP));
            final List<String> terms = new ArrayList<>(chunk.size());
            chunk.forEach(id -> terms.add("external_id:" + quoted(id)));
            final GraphQlResponse response = query(ShopifyDocument.COMPANIES_BY_EXTERNAL_ID,
                    Map.of("query", String.join(" OR ", terms), "first", chunk.size()));
            for (final JsonNode node : response.at("companies.nodes")) {
                final ExistingCompany company = ExistingCompany.from(node);
                // the search is by token: keep exact matches only
                if (company.externalId() != null && chunk.contains(company.externalId())) {
                    found.put(company.externalId(), company);
                }
            }
        }
        return found;
    }

    /** {@code companyCreate}: the payload ({@code company}, {@code userErrors}). */
    public JsonNode create(final Map<String, Object> input) {
        return mutate(ShopifyDocument.COMPANY_CREATE, Map.of("input", input), "companyCreate", false);
    }

    /** The one-request update of {@code CompanyUpdate}: every payload that ran, by its response key. */
    public JsonNode update(final Map<String, Object> variables) {
        mutations.incrementAndGet();
        return query(ShopifyDocument.COMPANY_UPDATE, variables).data();
    }

    public JsonNode createContact(final String companyId, final Map<String, Object> contact) {
        return mutate(ShopifyDocument.COMPANY_CONTACT_CREATE, Map.of("companyId", companyId, "input", contact), "companyContactCreate", false);
    }

    public JsonNode assignMainContact(final String companyId, final String contactId) {
        return mutate(ShopifyDocument.COMPANY_ASSIGN_MAIN_CONTACT, Map.of("companyId", companyId, "companyContactId", contactId),
                "companyAssignMainContact", true);
    }

    /** The shop's payment terms templates: GID by lower-case name and by GID. */
    public Map<String, String> paymentTermsTemplates() {
        final Map<String, String> byName = new LinkedHashMap<>();
        for (final JsonNode template : query(ShopifyDocument.PAYMENT_TERMS_TEMPLATES, Map.of()).at("paymentTermsTemplates")) {
            final String id = template.path("id").asText();
            byName.put(id, id);
            byName.putIfAbsent(template.path("name").asText().toLowerCase(java.util.Locale.ROOT), id);
        }
        return byName;
    }

    /** The company-location catalog whose title is exactly this one. */
    public Optional<String> catalogByTitle(final String title) {
        for (final JsonNode catalog : query(ShopifyDocument.CATALOGS_BY_TITLE, Map.of("query", "title:" + quoted(title))).at("catalogs.nodes")) {
            if (title.equals(catalog.path("title").asText())) {
                return Optional.of(catalog.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /** {@code catalogContextUpdate} adding up to 250 company locations: its payload. */
    public JsonNode addToCatalog(final String catalogId, final List<String> locationIds) {
        if (locationIds.size() > LOCATIONS_PER_CATALOG_UPDATE) {
            throw new IllegalArgumentException("Shopify takes at most 250 locations per call, got " + locationIds.size());
        }
        return mutate(ShopifyDocument.CATALOG_CONTEXT_UPDATE,
                Map.of("catalogId", catalogId, "contextsToAdd", Map.of("companyLocationIds", locationIds)), "catalogContextUpdate", true);
    }

    /** Requests sent through this API (retries excluded). */
    public int requests() {
        return requests.get();
    }

    /** Of which mutations. */
    public int mutations() {
        return mutations.get();
    }

    private GraphQlResponse query(final ShopifyDocument document, final Map<String, Object> variables) {
        requests.incrementAndGet();
        return client.execute(document.text(), variables);
    }

    private JsonNode mutate(final ShopifyDocument document, final Map<String, Object> variables, final String field, final boolean idempotent) {
        requests.incrementAndGet();
        mutations.incrementAndGet();
        final GraphQlResponse response = idempotent ? client.execute(document.text(), variables) : client.executeMutation(document.text(), variables);
        return response.data().path(field);
    }

    /** A search value in double quotes, so that hyphens and spaces in BC numbers stay one term. */
    static String quoted(final String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
