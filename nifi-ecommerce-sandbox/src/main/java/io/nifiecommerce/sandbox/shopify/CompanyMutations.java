package io.nifiecommerce.sandbox.shopify;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The B2B company queries and mutations over {@link CompanyDirectory}: {@code companies} (search by external_id, name,
 * id), {@code paymentTermsTemplates}, {@code companyCreate}, {@code companyUpdate},
 * {@code companyLocationUpdate}, {@code companyLocationAssignAddress}, {@code companyLocationTaxSettingsUpdate},
 * {@code companyContactCreate}, {@code companyAssignMainContact} and {@code catalogContextUpdate} (on the shop's catalog book, which
 * {@code catalogCreate} fills). Invalid input answers
 * with userErrors (BusinessCustomerErrorCode: TAKEN for an externalId in use, RESOURCE_NOT_FOUND, BLANK; CatalogUserErrorCode:
 * CATALOG_NOT_FOUND, COMPANY_LOCATION_NOT_FOUND, CONTEXT_ALREADY_ASSIGNED_TO_CATALOG) and changes nothing.
 */
final class CompanyMutations {

    private static final String BUSINESS_ERROR = "BusinessCustomerUserError";
    private static final String NOT_FOUND = "Resource requested does not exist.";

    private CompanyMutations() {
    }

    static void register(final Map<String, DataFetcher<?>> fetchers) {
        fetchers.put("companies", CompanyMutations::companies);
        fetchers.put("paymentTermsTemplates", env -> CompanyDirectory.paymentTermsTemplates());
        fetchers.put("companyCreate", locked(CompanyMutations::create));
        fetchers.put("companyUpdate", locked(CompanyMutations::updateCompany));
        fetchers.put("companyLocationUpdate", locked(CompanyMutations::updateLocation));
        fetchers.put("companyLocationAssignAddress", locked(CompanyMutations::assignAddress));
        fetchers.put("companyLocationTaxSettingsUpdate", locked(CompanyMutations::updateTaxSettings));
        fetchers.put("companyContactCreate", locked(CompanyMutations::createContact));
        fetchers.put("companyAssignMainContact", locked(CompanyMutations::assignMainContact));
        fetchers.put("catalogContextUpdate", locked(CompanyMutations::updateCatalogContext));
    }

    private static DataFetcher<Object> locked(final DataFetcher<Object> mutation) {
        return env -> {
            final Shop shop = RootFields.context(env).shop();
            synchronized (shop) {
                return mutation.get(env);
            }
        };
    }

    private static CompanyDirectory directory(final DataFetchingEnvironment env) {
        return RootFields.context(env).shop().companyDirectory();
    }

    private static Object companies(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final SearchQuery query = SearchQuery.parse(env.getArgument("query"));
        final List<Map<String, Object>> matching = directory.companies().stream()
                .filter(company -> query.matches(company, (c, term) -> switch (term.field() == null ? "" : term.field()) {
                    case "external_id" -> term.value().equals(c.externalId);
                    case "name" -> c.name != null && c.name.equalsIgnoreCase(term.value());
                    case "id" -> term.matchesNumber(c.id);
                    case "" -> c.name != null && c.name.toLowerCase(java.util.Locale.ROOT).contains(term.value().toLowerCase(java.util.Locale.ROOT));
                    default -> !term.negated();
                }))
                .map(directory::company).toList();
        return ConnectionPage.ofList(matching, PageArguments.of(env));
    }

    @SuppressWarnings("unchecked")
    private static Object create(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Map<String, Object> input = env.getArgument("input");
        final Map<String, Object> company = (Map<String, Object>) input.get("company");
        final Map<String, Object> location = (Map<String, Object>) input.get("companyLocation");
        final Map<String, Object> contact = (Map<String, Object>) input.get("companyContact");
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        final String name = (String) company.get("name");
        if (name == null || name.isBlank()) {
            errors.add(UserErrors.path("input", "company", "name"), "Name can't be blank", "BLANK");
        }
        final String externalId = (String) company.get("externalId");
        if (externalId != null && directory.companyByExternalId(externalId).isPresent()) {
            errors.add(UserErrors.path("input", "company", "externalId"), "External Id has already been taken", "TAKEN");
        }
        if (location != null && directory.locationExternalIdTaken((String) location.get("externalId"), -1)) {
            errors.add(UserErrors.path("input", "companyLocation", "externalId"), "External Id has already been taken", "TAKEN");
        }
        if (location != null && location.get("buyerExperienceConfiguration") instanceof Map<?, ?> buyer
                && buyer.get("paymentTermsTemplateId") != null && !CompanyDirectory.isPaymentTermsTemplate((String) buyer.get("paymentTermsTemplateId"))) {
            errors.add(UserErrors.path("input", "companyLocation", "buyerExperienceConfiguration", "paymentTermsTemplateId"), NOT_FOUND,
                    "RESOURCE_NOT_FOUND");
        }
        if (!errors.isEmpty()) {
            return payload("company", null, errors);
        }
        final CompanyDirectory.CompanyState state = directory.newCompany();
        state.name = name;
        state.externalId = externalId;
        state.note = (String) company.get("note");
        // Shopify always gives a new company a location, named after the company when no input says otherwise
        final CompanyDirectory.LocationState newLocation = directory.newLocation(state);
        newLocation.name = name;
        if (location != null) {
            applyLocation(newLocation, location);
            newLocation.taxRegistrationId = (String) location.get("taxRegistrationId");
            newLocation.billing = (Map<String, Object>) location.get("billingAddress");
            newLocation.shipping = Boolean.TRUE.equals(location.get("billingSameAsShipping")) ? newLocation.billing
                    : (Map<String, Object>) location.get("shippingAddress");
        }
        if (contact != null) {
            state.mainContactId = directory.newContact(state, contact).id();
        }
        return payload("company", directory.company(state), errors);
    }

    @SuppressWarnings("unchecked")
    private static void applyLocation(final CompanyDirectory.LocationState location, final Map<String, Object> input) {
        if (input.containsKey("name") && input.get("name") != null) {
            location.name = (String) input.get("name");
        }
        if (input.containsKey("externalId")) {
            location.externalId = (String) input.get("externalId");
        }
        if (input.containsKey("phone")) {
            location.phone = (String) input.get("phone");
        }
        if (input.get("buyerExperienceConfiguration") instanceof Map<?, ?> buyer && buyer.containsKey("paymentTermsTemplateId")) {
            location.paymentTermsTemplateId = (String) ((Map<String, Object>) buyer).get("paymentTermsTemplateId");
        }
    }

    private static Object updateCompany(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Optional<CompanyDirectory.CompanyState> company = company(directory, env.getArgument("companyId"));
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        if (company.isEmpty()) {
            return payload("company", null, errors.add(UserErrors.path("companyId"), NOT_FOUND, "RESOURCE_NOT_FOUND"));
        }
        final Map<String, Object> input = env.getArgument("input");
        final String externalId = (String) input.get("externalId");
        if (externalId != null && directory.companyByExternalId(externalId).filter(c -> c.id != company.get().id).isPresent()) {
            return payload("company", null, errors.add(UserErrors.path("input", "externalId"), "External Id has already been taken", "TAKEN"));
        }
        if (input.containsKey("name") && (input.get("name") == null || ((String) input.get("name")).isBlank())) {
            return payload("company", null, errors.add(UserErrors.path("input", "name"), "Name can't be blank", "BLANK"));
        }
        input.forEach((field, value) -> {
            switch (field) {
                case "name" -> company.get().name = (String) value;
                case "externalId" -> company.get().externalId = (String) value;
                case "note" -> company.get().note = (String) value;
                default -> { }
            }
        });
        return payload("company", directory.company(company.get()), errors);
    }

    private static Object updateLocation(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Optional<CompanyDirectory.LocationState> location = location(directory, env.getArgument("companyLocationId"));
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        if (location.isEmpty()) {
            return payload("companyLocation", null, errors.add(UserErrors.path("companyLocationId"), NOT_FOUND, "RESOURCE_NOT_FOUND"));
        }
        final Map<String, Object> input = env.getArgument("input");
        if (directory.locationExternalIdTaken((String) input.get("externalId"), location.get().id)) {
            return payload("companyLocation", null, errors.add(UserErrors.path("input", "externalId"), "External Id has already been taken", "TAKEN"));
        }
        if (input.get("buyerExperienceConfiguration") instanceof Map<?, ?> buyer && buyer.get("paymentTermsTemplateId") != null
                && !CompanyDirectory.isPaymentTermsTemplate((String) buyer.get("paymentTermsTemplateId"))) {
            return payload("companyLocation", null, errors.add(UserErrors.path("input", "buyerExperienceConfiguration", "paymentTermsTemplateId"),
                    NOT_FOUND, "RESOURCE_NOT_FOUND"));
        }
        applyLocation(location.get(), input);
        return payload("companyLocation", directory.location(location.get()), errors);
    }

    private static Object assignAddress(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Optional<CompanyDirectory.LocationState> location = location(directory, env.getArgument("locationId"));
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        if (location.isEmpty()) {
            return payload("addresses", null, errors.add(UserErrors.path("locationId"), NOT_FOUND, "RESOURCE_NOT_FOUND"));
        }
        final Map<String, Object> address = env.getArgument("address");
        final List<?> types = env.getArgument("addressTypes");
        if (types.isEmpty()) {
            return payload("addresses", null, errors.add(UserErrors.path("addressTypes"), "Address types can't be blank", "BLANK"));
        }
        final Map<String, Object> copy = new HashMap<>(address);
        for (final Object type : types) {
            if ("BILLING".equals(type.toString())) {
                location.get().billing = copy;
            } else {
                location.get().shipping = copy;
            }
        }
        final Map<String, Object> shown = new HashMap<>(copy);
        shown.put("__typename", "CompanyAddress");
        shown.put("id", Gid.of("CompanyAddress", Math.abs((long) copy.hashCode())));
        return payload("addresses", List.of(shown), errors);
    }

    private static Object updateTaxSettings(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Optional<CompanyDirectory.LocationState> location = location(directory, env.getArgument("companyLocationId"));
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        if (location.isEmpty()) {
            return payload("companyLocation", null, errors.add(UserErrors.path("companyLocationId"), NOT_FOUND, "RESOURCE_NOT_FOUND"));
        }
        if (env.containsArgument("taxRegistrationId")) {
            location.get().taxRegistrationId = env.getArgument("taxRegistrationId");
        }
        return payload("companyLocation", directory.location(location.get()), errors);
    }

    private static Object createContact(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Optional<CompanyDirectory.CompanyState> company = company(directory, env.getArgument("companyId"));
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        if (company.isEmpty()) {
            return payload("companyContact", null, errors.add(UserErrors.path("companyId"), NOT_FOUND, "RESOURCE_NOT_FOUND"));
        }
        final CompanyDirectory.ContactState contact = directory.newContact(company.get(), env.getArgument("input"));
        return payload("companyContact", Map.of("__typename", "CompanyContact", "id", Gid.of("CompanyContact", contact.id()),
                "isMainContact", false), errors);
    }

    private static Object assignMainContact(final DataFetchingEnvironment env) {
        final CompanyDirectory directory = directory(env);
        final Optional<CompanyDirectory.CompanyState> company = company(directory, env.getArgument("companyId"));
        final UserErrors errors = new UserErrors(BUSINESS_ERROR);
        final OptionalLong contactId = Gid.parse(env.getArgument("companyContactId"), "CompanyContact");
        if (company.isEmpty() || contactId.isEmpty() || company.get().contacts.stream().noneMatch(c -> c.id() == contactId.getAsLong())) {
            return payload("company", null, errors.add(UserErrors.path(company.isEmpty() ? "companyId" : "companyContactId"), NOT_FOUND,
                    "RESOURCE_NOT_FOUND"));
        }
        company.get().mainContactId = contactId.getAsLong();
        return payload("company", directory.company(company.get()), errors);
    }

    private static Object updateCatalogContext(final DataFetchingEnvironment env) {
        final OptionalLong catalogId = Gid.parse(env.getArgument("catalogId"), "CompanyLocationCatalog");
        final Optional<B2bCatalogBook.CatalogState> catalog = catalogId.isEmpty() ? Optional.empty()
                : RootFields.context(env).shop().catalogBook().catalog(catalogId.getAsLong());
        final UserErrors errors = new UserErrors("CatalogUserError");
        if (catalog.isEmpty()) {
            return payload("catalog", null, errors.add(UserErrors.path("catalogId"), "The catalog wasn't found.", "CATALOG_NOT_FOUND"));
        }
        final Map<String, Object> add = env.getArgument("contextsToAdd");
        final List<?> ids = add == null ? List.of() : (List<?>) add.getOrDefault("companyLocationIds", List.of());
        if (ids.isEmpty()) {
            return payload("catalog", null, errors.add(UserErrors.path("contextsToAdd"),
                    "Must have `contexts_to_add` or `contexts_to_remove` argument.", "REQUIRES_CONTEXTS_TO_ADD_OR_REMOVE"));
        }
        final List<Long> locations = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            final OptionalLong id = Gid.parse((String) ids.get(i), "CompanyLocation");
            if (id.isEmpty() || !RootFields.context(env).shop().companyLocationExists(id.getAsLong())) {
                return payload("catalog", null, errors.add(UserErrors.path("contextsToAdd", "companyLocationIds", i),
                        "The company location could not be found.", "COMPANY_LOCATION_NOT_FOUND"));
            }
            if (catalog.get().companyLocationIds.contains(id.getAsLong())) {
                return payload("catalog", null, errors.add(UserErrors.path("contextsToAdd", "companyLocationIds", i),
                        "Context driver already assigned to this catalog.", "CONTEXT_ALREADY_ASSIGNED_TO_CATALOG"));
            }
            locations.add(id.getAsLong());
        }
        catalog.get().companyLocationIds.addAll(locations);
        return payload("catalog", B2bCatalogMutations.catalog(RootFields.context(env).shop(), catalog.get()), errors);
    }

    private static Optional<CompanyDirectory.CompanyState> company(final CompanyDirectory directory, final String gid) {
        final OptionalLong id = Gid.parse(gid, "Company");
        return id.isEmpty() ? Optional.empty() : directory.company(id.getAsLong());
    }

    private static Optional<CompanyDirectory.LocationState> location(final CompanyDirectory directory, final String gid) {
        final OptionalLong id = Gid.parse(gid, "CompanyLocation");
        return id.isEmpty() ? Optional.empty() : directory.location(id.getAsLong());
    }

    private static Map<String, Object> payload(final String field, final Object value, final UserErrors errors) {
        final Map<String, Object> payload = new HashMap<>();
        payload.put(field, errors.isEmpty() ? value : null);
        payload.put("userErrors", errors.list());
        return payload;
    }
}
