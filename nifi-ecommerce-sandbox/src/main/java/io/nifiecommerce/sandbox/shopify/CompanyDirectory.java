package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Address;
import io.nifiecommerce.sandbox.seed.Company;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop's B2B directory as the company mutations change it: companies (unique externalId), their locations (unique
 * externalId), contacts and the payment terms templates every shop has; catalogs are the shop's catalog book. Starts
 * with the seed's companies. Orders keep showing the seeded companies as they were (their purchasingEntity is the seed's).
 * Guarded by the shop's lock in the mutations.
 */
final class CompanyDirectory {

    /** Shopify's standard templates: name, type, due days (null when not net terms). */
    static final List<Object[]> PAYMENT_TERMS = List.of(
            new Object[] {"Due on receipt", "RECEIPT", null}, new Object[] {"Due on fulfillment", "FULFILLMENT", null},
            new Object[] {"Net 7", "NET", 7}, new Object[] {"Net 15", "NET", 15}, new Object[] {"Net 30", "NET", 30},
            new Object[] {"Net 45", "NET", 45}, new Object[] {"Net 60", "NET", 60}, new Object[] {"Net 90", "NET", 90},
            new Object[] {"Fixed", "FIXED", null});

    static final class CompanyState {
        final long id;
        String name;
        String externalId;
        String note;
        Long mainContactId;
        final List<LocationState> locations = new ArrayList<>();
        final List<ContactState> contacts = new ArrayList<>();

        CompanyState(final long id) {
            this.id = id;
        }
    }

    static final class LocationState {
        final long id;
        final long companyId;
        String name;
        String externalId;
        String phone;
        String taxRegistrationId;
        String paymentTermsTemplateId;
        Map<String, Object> billing;
        Map<String, Object> shipping;

        LocationState(final long id, final long companyId) {
            this.id = id;
            this.companyId = companyId;
        }
    }

    record ContactState(long id, String email, String firstName, String lastName, String title) {
    }

    private final Shop shop;
    private final Map<Long, CompanyState> companies = new ConcurrentHashMap<>();

    CompanyDirectory(final Shop shop) {
        this.shop = shop;
    }

    void load(final List<Company> seeded) {
        companies.clear();
        for (final Company company : seeded) {
            final CompanyState state = new CompanyState(company.id());
            state.name = company.name();
            state.externalId = company.externalId();
            for (final Company.CompanyLocation location : company.locations()) {
                final LocationState l = new LocationState(location.id(), company.id());
                l.name = location.name();
                l.externalId = location.externalId();
                l.taxRegistrationId = location.taxRegistrationId();
                l.billing = address(location.billingAddress());
                l.shipping = address(location.shippingAddress());
                state.locations.add(l);
            }
            for (final Company.CompanyContact contact : company.contacts()) {
                final String email = shop.customer(contact.customerId()).map(c -> c.email()).orElse(null);
                state.contacts.add(new ContactState(contact.id(), email, null, null, contact.title()));
                if (contact.mainContact()) {
                    state.mainContactId = contact.id();
                }
            }
            companies.put(state.id, state);
        }
    }

    private static Map<String, Object> address(final Address address) {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("address1", address.address1());
        map.put("address2", address.address2());
        map.put("city", address.city());
        map.put("zip", address.zip());
        map.put("zoneCode", null);
        map.put("countryCode", address.countryCode());
        map.put("recipient", address.firstName() + " " + address.lastName());
        map.put("phone", address.phone());
        return map;
    }

    List<CompanyState> companies() {
        return companies.values().stream().sorted(Comparator.comparingLong(c -> c.id)).toList();
    }

    Optional<CompanyState> company(final long id) {
        return Optional.ofNullable(companies.get(id));
    }

    Optional<CompanyState> companyByExternalId(final String externalId) {
        return companies.values().stream().filter(c -> externalId != null && externalId.equals(c.externalId)).findFirst();
    }

    Optional<LocationState> location(final long id) {
        return companies.values().stream().flatMap(c -> c.locations.stream()).filter(l -> l.id == id).findFirst();
    }

    boolean locationExternalIdTaken(final String externalId, final long exceptId) {
        return externalId != null && companies.values().stream().flatMap(c -> c.locations.stream())
                .anyMatch(l -> l.id != exceptId && externalId.equals(l.externalId));
    }

    CompanyState newCompany() {
        final CompanyState company = new CompanyState(shop.nextId());
        companies.put(company.id, company);
        return company;
    }

    LocationState newLocation(final CompanyState company) {
        final LocationState location = new LocationState(shop.nextId(), company.id);
        company.locations.add(location);
        return location;
    }

    ContactState newContact(final CompanyState company, final Map<String, Object> input) {
        final ContactState contact = new ContactState(shop.nextId(), (String) input.get("email"), (String) input.get("firstName"),
                (String) input.get("lastName"), (String) input.get("title"));
        company.contacts.add(contact);
        return contact;
    }

    /** The company-location catalogs (the shop's catalog book, which catalogCreate fills) that include a location. */
    List<B2bCatalogBook.CatalogState> catalogsOf(final long locationId) {
        return shop.catalogBook().catalogs().stream().filter(c -> c.companyLocationIds.contains(locationId))
                .sorted(Comparator.comparingLong(c -> c.id)).toList();
    }

    // ---- the graph view ----

    Map<String, Object> company(final CompanyState company) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "Company");
        map.put("id", Gid.of("Company", company.id));
        map.put("name", company.name);
        map.put("externalId", company.externalId);
        map.put("note", company.note);
        map.put("mainContact", company.contacts.stream().filter(c -> company.mainContactId != null && c.id() == company.mainContactId)
                .findFirst().map(c -> contact(company, c)).orElse(null));
        map.put("locations", (java.util.function.Supplier<Object>) () -> company.locations.stream().map(this::location).toList());
        map.put("contacts", (java.util.function.Supplier<Object>) () -> company.contacts.stream().map(c -> contact(company, c)).toList());
        return map;
    }

    Map<String, Object> location(final LocationState location) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CompanyLocation");
        map.put("id", Gid.of("CompanyLocation", location.id));
        map.put("name", location.name);
        map.put("externalId", location.externalId);
        map.put("phone", location.phone);
        map.put("currency", "EUR");
        map.put("locale", "fr");
        map.put("taxRegistrationId", location.taxRegistrationId);
        map.put("taxSettings", Map.of("__typename", "CompanyLocationTaxSettings", "taxExempt", false, "taxExemptions", List.of(),
                "taxRegistrationId", location.taxRegistrationId == null ? "" : location.taxRegistrationId));
        final Map<String, Object> buyer = new HashMap<>();
        buyer.put("__typename", "BuyerExperienceConfiguration");
        buyer.put("checkoutToDraft", false);
        buyer.put("editableShippingAddress", false);
        buyer.put("paymentTermsTemplate", location.paymentTermsTemplateId == null ? null : paymentTermsTemplates().stream()
                .filter(t -> t.get("id").equals(location.paymentTermsTemplateId)).findFirst().orElse(null));
        map.put("buyerExperienceConfiguration", buyer);
        map.put("billingAddress", companyAddress(location.billing));
        map.put("shippingAddress", companyAddress(location.shipping));
        map.put("catalogs", (java.util.function.Supplier<Object>) () -> catalogsOf(location.id).stream()
                .map(c -> B2bCatalogMutations.catalog(shop, c)).toList());
        return map;
    }

    private Map<String, Object> contact(final CompanyState company, final ContactState contact) {
        final Map<String, Object> map = new HashMap<>();
        map.put("__typename", "CompanyContact");
        map.put("id", Gid.of("CompanyContact", contact.id()));
        map.put("isMainContact", company.mainContactId != null && company.mainContactId == contact.id());
        map.put("title", contact.title());
        map.put("locale", "fr");
        return map;
    }

    private static Map<String, Object> companyAddress(final Map<String, Object> address) {
        if (address == null) {
            return null;
        }
        final Map<String, Object> map = new HashMap<>(address);
        map.put("__typename", "CompanyAddress");
        map.put("id", Gid.of("CompanyAddress", Math.abs((long) address.hashCode())));
        final Object country = address.get("countryCode");
        map.put("country", country);
        return map;
    }

    static List<Map<String, Object>> paymentTermsTemplates() {
        final List<Map<String, Object>> templates = new ArrayList<>();
        for (int i = 0; i < PAYMENT_TERMS.size(); i++) {
            final Object[] t = PAYMENT_TERMS.get(i);
            final Map<String, Object> map = new HashMap<>();
            map.put("__typename", "PaymentTermsTemplate");
            map.put("id", Gid.of("PaymentTermsTemplate", i + 1));
            map.put("name", t[0]);
            map.put("translatedName", t[0]);
            map.put("description", t[0]);
            map.put("paymentTermsType", t[1]);
            map.put("dueInDays", t[2]);
            templates.add(map);
        }
        return templates;
    }

    static boolean isPaymentTermsTemplate(final String gid) {
        final java.util.OptionalLong id = Gid.parse(gid, "PaymentTermsTemplate");
        return id.isPresent() && id.getAsLong() >= 1 && id.getAsLong() <= PAYMENT_TERMS.size();
    }
}
