package io.nifiecommerce.company;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.stock.PublishedQuantities;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Brings Shopify's B2B companies in line with BC customers, keyed by externalId = customer number, idempotently:
 * <ol>
 * <li>accounts whose fingerprint equals the one remembered from the last successful run are skipped, without a call
 * (unless a full resync is asked for);</li>
 * <li>the others are looked up by externalId, 20 per query;</li>
 * <li>an unknown one is created with its location and main contact in one {@code companyCreate}; a known one gets one
 * {@code CompanyUpdate} request carrying only the parts that differ (nothing when Shopify already agrees);</li>
 * <li>locations missing from their catalog are added with one {@code catalogContextUpdate} per catalog and 250
 * locations.</li>
 * </ol>
 * A lost answer to {@code companyCreate} is thrown ({@link io.nifiecommerce.http.ApiException}): the next attempt finds
 * the company by externalId and updates it, so replays never create twice. A mutation that fails transiently (its
 * change may or may not have been applied) is settled in place the same way: the company is read again by externalId and
 * the account applied again from what Shopify then holds, up to {@value #ATTEMPTS_PER_ACCOUNT} times, so that a large
 * batch over a flaky network does not start over at each fault. When a failure still ends the run, the accounts already
 * settled are remembered before it is thrown, so the next attempt skips them. Only successful accounts are remembered.
 * Not thread-safe: one run owns one instance.
 */
public final class CompanySync {

    static final String MEMORY_SCOPE = "company";
    static final String ALREADY_IN_CATALOG = "CONTEXT_ALREADY_ASSIGNED_TO_CATALOG";
    /** Tries of one account's (or one catalog chunk's) mutations before a transient failure ends the run. */
    static final int ATTEMPTS_PER_ACCOUNT = 4;

    private final ShopifyCompanyApi api;
    private Map<String, String> paymentTermsTemplates;
    private final Map<String, Optional<String>> catalogs = new HashMap<>();

    public CompanySync(final ShopifyCompanyApi api) {
        this.api = api;
    }

    /** Outcomes in input order, and what it cost. */
    public record Report(List<CompanyOutcome> outcomes, int requests, int mutations) {

        public long count(final CompanyOutcome.Status status) {
            return outcomes.stream().filter(o -> o.status() == status).count();
        }
    }

    /** The key of an account in the delta memory. */
    public static long memoryKey(final String externalId) {
        return PublishedQuantities.key(externalId, MEMORY_SCOPE);
    }

    public Report sync(final List<CompanyAccount> accounts, final PublishedQuantities memory, final boolean fullResync) {
        final int requestsBefore = api.requests();
        final int mutationsBefore = api.mutations();
        final CompanyOutcome[] outcomes = new CompanyOutcome[accounts.size()];
        final Map<String, Integer> lastIndex = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            lastIndex.put(accounts.get(i).externalId(), i);
        }
        final List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            final CompanyAccount account = accounts.get(i);
            if (lastIndex.get(account.externalId()) != i) {
                outcomes[i] = CompanyOutcome.failed(account.externalId(), null, "DUPLICATE_EXTERNAL_ID",
                        "The same customer number appears again later in the input; the later record is the one sent");
            } else if (account.name() == null || account.name().isBlank()) {
                outcomes[i] = CompanyOutcome.failed(account.externalId(), null, "BLANK", "The customer has no name");
            } else if (!fullResync && memory.isUnchanged(memoryKey(account.externalId()), account.fingerprint())) {
                outcomes[i] = CompanyOutcome.of(account.externalId(), CompanyOutcome.Status.UNCHANGED, null);
            } else {
                changed.add(i);
            }
        }
        final Set<Integer> catalogPending = new HashSet<>();
        try {
            apply(accounts, changed, outcomes, catalogPending);
        } catch (final ApiException e) {
            // keep what is settled: the next attempt skips it as unchanged
            for (int i = 0; i < accounts.size(); i++) {
                if (outcomes[i] != null && !catalogPending.contains(i)) {
                    remember(memory, accounts, lastIndex, outcomes, i);
                }
            }
            throw e;
        }
        for (int i = 0; i < accounts.size(); i++) {
            remember(memory, accounts, lastIndex, outcomes, i);
        }
        return new Report(List.of(outcomes), api.requests() - requestsBefore, api.mutations() - mutationsBefore);
    }

    private static void remember(final PublishedQuantities memory, final List<CompanyAccount> accounts, final Map<String, Integer> lastIndex,
                                 final CompanyOutcome[] outcomes, final int i) {
        if (!outcomes[i].failed() && lastIndex.get(accounts.get(i).externalId()) == i) {
            memory.remember(memoryKey(accounts.get(i).externalId()), accounts.get(i).fingerprint());
        }
    }

    /** Creates or updates the changed accounts, then adds their locations to catalogs; {@code catalogPending} holds those still to add. */
    private void apply(final List<CompanyAccount> accounts, final List<Integer> changed, final CompanyOutcome[] outcomes,
                       final Set<Integer> catalogPending) {
        final Map<String, ExistingCompany> existing = changed.isEmpty() ? Map.of()
                : api.companiesByExternalId(changed.stream().map(i -> accounts.get(i).externalId()).toList());

        final Map<String, List<Integer>> toCatalog = new LinkedHashMap<>();
        final Map<Integer, String> locationOf = new HashMap<>();
        for (final int i : changed) {
            final CompanyAccount account = accounts.get(i);
            final String paymentTermsId = paymentTermsId(account);
            if (account.paymentTerms() != null && paymentTermsId == null) {
                outcomes[i] = CompanyOutcome.failed(account.externalId(), null, "NO_PAYMENT_TERMS",
                        "No Shopify payment terms template is named or identified by '" + account.paymentTerms() + "'");
                continue;
            }
            final Applied applied = applyOne(account, existing.get(account.externalId()), paymentTermsId);
            outcomes[i] = applied.outcome();
            if (applied.outcome().failed() || account.catalog() == null) {
                continue;
            }
            final Optional<String> catalogId = catalogId(account.catalog());
            if (catalogId.isEmpty()) {
                outcomes[i] = CompanyOutcome.failed(account.externalId(), applied.outcome().companyId(), "NO_CATALOG",
                        "No company-location catalog is titled or identified by '" + account.catalog() + "' yet; the location is added on the next run");
            } else if (!applied.catalogIds().contains(catalogId.get())) {
                toCatalog.computeIfAbsent(catalogId.get(), k -> new ArrayList<>()).add(i);
                locationOf.put(i, applied.locationId());
                catalogPending.add(i);
            }
        }
        for (final Map.Entry<String, List<Integer>> catalog : toCatalog.entrySet()) {
            final List<Integer> members = catalog.getValue();
            for (int from = 0; from < members.size(); from += ShopifyCompanyApi.LOCATIONS_PER_CATALOG_UPDATE) {
                final List<Integer> chunk = members.subList(from, Math.min(members.size(), from + ShopifyCompanyApi.LOCATIONS_PER_CATALOG_UPDATE));
                final List<String> locationIds = chunk.stream().map(locationOf::get).toList();
                // replaying a chunk is safe: a location already there makes the one-by-one pass below
                final Optional<String[]> error = UserErrorList.first(withRetries(() -> api.addToCatalog(catalog.getKey(), locationIds)));
                if (error.isEmpty()) {
                    chunk.forEach(catalogPending::remove);
                    continue;
                }
                // the call is all or nothing: a location already there (its catalog beyond the five read) stops the others;
                // add them one by one, where already being there is the state wanted
                for (final int i : chunk) {
                    final Optional<String[]> one = chunk.size() == 1 ? error
                            : UserErrorList.first(withRetries(() -> api.addToCatalog(catalog.getKey(), List.of(locationOf.get(i)))));
                    if (one.isPresent() && !ALREADY_IN_CATALOG.equals(one.get()[0])) {
                        outcomes[i] = CompanyOutcome.failed(accounts.get(i).externalId(), outcomes[i].companyId(), one.get()[0], one.get()[1]);
                    }
                    catalogPending.remove(i);
                }
            }
        }
    }

    /**
     * Creates or updates one company. A transient failure leaves unknown whether the change was applied: the company is
     * read again by externalId and the account applied from what Shopify holds (an update sends only what still differs).
     */
    private Applied applyOne(final CompanyAccount account, final ExistingCompany known, final String paymentTermsId) {
        ExistingCompany company = known;
        for (int attempt = 1; ; attempt++) {
            try {
                return company == null ? create(account, paymentTermsId) : update(account, company, paymentTermsId);
            } catch (final ApiException e) {
                if (!e.isTransient() || attempt == ATTEMPTS_PER_ACCOUNT) {
                    throw e;
                }
                company = api.companiesByExternalId(List.of(account.externalId())).get(account.externalId());
            }
        }
    }

    /** A call whose replay is harmless, tried again on a transient failure. */
    private static <T> T withRetries(final Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (final ApiException e) {
                if (!e.isTransient() || attempt == ATTEMPTS_PER_ACCOUNT) {
                    throw e;
                }
            }
        }
    }

    /** The result of creating or updating one company, with what the catalog step needs. */
    private record Applied(CompanyOutcome outcome, String locationId, List<String> catalogIds) {
    }

    private Applied create(final CompanyAccount account, final String paymentTermsId) {
        final Map<String, Object> input = new LinkedHashMap<>();
        input.put("company", companyInput(account));
        input.put("companyLocation", CompanyInputs.newLocation(account, paymentTermsId));
        if (account.contact() != null && account.contact().email() != null) {
            input.put("companyContact", account.contact().toInput());
        }
        final JsonNode payload = api.create(input);
        final Optional<String[]> error = UserErrorList.first(payload);
        if (error.isPresent()) {
            return new Applied(CompanyOutcome.failed(account.externalId(), null, error.get()[0], error.get()[1]), null, List.of());
        }
        final JsonNode company = payload.path("company");
        final String locationId = company.path("locations").path("nodes").path(0).path("id").asText(null);
        return new Applied(CompanyOutcome.of(account.externalId(), CompanyOutcome.Status.CREATED, company.path("id").asText()), locationId, List.of());
    }

    private Applied update(final CompanyAccount account, final ExistingCompany company, final String paymentTermsId) {
        final ExistingCompany.Location location = company.location();
        if (location == null) {
            return new Applied(CompanyOutcome.failed(account.externalId(), company.id(), "NO_LOCATION",
                    "The Shopify company has no location to update; add one in Shopify or delete the company to have it created again"),
                    null, List.of());
        }
        final CompanyUpdatePlan plan = CompanyUpdatePlan.of(account, company, paymentTermsId);
        boolean sent = false;
        if (plan.anything()) {
            final JsonNode data = api.update(plan.variables());
            final Optional<String[]> error = UserErrorList.firstOfAll(data);
            if (error.isPresent()) {
                return new Applied(CompanyOutcome.failed(account.externalId(), company.id(), error.get()[0], error.get()[1]), location.id(),
                        location.catalogIds());
            }
            sent = true;
        }
        if (company.mainContactId() == null && account.contact() != null && account.contact().email() != null) {
            final JsonNode created = api.createContact(company.id(), account.contact().toInput());
            Optional<String[]> error = UserErrorList.first(created);
            if (error.isEmpty()) {
                error = UserErrorList.first(api.assignMainContact(company.id(), created.path("companyContact").path("id").asText()));
            }
            if (error.isPresent()) {
                return new Applied(CompanyOutcome.failed(account.externalId(), company.id(), error.get()[0], error.get()[1]), location.id(),
                        location.catalogIds());
            }
            sent = true;
        }
        return new Applied(CompanyOutcome.of(account.externalId(), sent ? CompanyOutcome.Status.UPDATED : CompanyOutcome.Status.UNCHANGED,
                company.id()), location.id(), location.catalogIds());
    }

    private static Map<String, Object> companyInput(final CompanyAccount account) {
        final Map<String, Object> company = new LinkedHashMap<>();
        company.put("name", account.name());
        company.put("externalId", account.externalId());
        if (account.note() != null) {
            company.put("note", account.note());
        }
        return company;
    }

    /** The template's GID for a GID or a name (case-insensitive); null when none matches. Templates are read once per sync. */
    private String paymentTermsId(final CompanyAccount account) {
        if (account.paymentTerms() == null) {
            return null;
        }
        if (paymentTermsTemplates == null) {
            paymentTermsTemplates = api.paymentTermsTemplates();
        }
        final String byId = paymentTermsTemplates.get(account.paymentTerms());
        return byId != null ? byId : paymentTermsTemplates.get(account.paymentTerms().toLowerCase(Locale.ROOT));
    }

    private Optional<String> catalogId(final String catalog) {
        if (catalog.startsWith("gid://shopify/")) {
            return Optional.of(catalog);
        }
        return catalogs.computeIfAbsent(catalog, api::catalogByTitle);
    }

    /** Every field of {@code CompanyUpdate} to send, and whether anything is. */
    record CompanyUpdatePlan(Map<String, Object> variables, boolean anything) {

        static CompanyUpdatePlan of(final CompanyAccount account, final ExistingCompany company, final String paymentTermsId) {
            final ExistingCompany.Location location = company.location();
            final boolean updateCompany = !Objects.equals(account.name(), company.name())
                    || account.note() != null && !account.note().equals(company.note());
            final boolean updateLocation = !Objects.equals(account.locationName(), location.name())
                    || !Objects.equals(account.externalId(), location.externalId())
                    || account.phone() != null && !account.phone().equals(location.phone())
                    || paymentTermsId != null && !paymentTermsId.equals(location.paymentTermsTemplateId());
            final boolean assignBilling = account.billing() != null && !account.billing().isEmpty() && !account.billing().equals(location.billing());
            final CompanyAddress shipping = account.shippingOrBilling();
            final boolean assignShipping = shipping != null && !shipping.isEmpty() && !shipping.equals(location.shipping());
            final boolean updateTax = account.taxRegistrationId() != null && !account.taxRegistrationId().equals(location.taxRegistrationId());

            final Map<String, Object> variables = new HashMap<>();
            variables.put("companyId", company.id());
            variables.put("company", companyInput(account));
            variables.put("updateCompany", updateCompany);
            variables.put("locationId", location.id());
            variables.put("location", CompanyInputs.locationUpdate(account, paymentTermsId));
            variables.put("updateLocation", updateLocation);
            final CompanyAddress billing = account.billing() == null ? new CompanyAddress(null, null, null, null, null, null, null, null) : account.billing();
            variables.put("billingAddress", billing.toInput());
            // one call sets both when they are the same address
            final boolean same = assignBilling && assignShipping && billing.equals(shipping);
            variables.put("billingTypes", same ? List.of("BILLING", "SHIPPING") : List.of("BILLING"));
            variables.put("assignBilling", assignBilling);
            variables.put("shippingAddress", (shipping == null ? billing : shipping).toInput());
            variables.put("assignShipping", assignShipping && !same);
            variables.put("taxRegistrationId", account.taxRegistrationId());
            variables.put("updateTax", updateTax);
            return new CompanyUpdatePlan(variables, updateCompany || updateLocation || assignBilling || assignShipping || updateTax);
        }
    }
}
