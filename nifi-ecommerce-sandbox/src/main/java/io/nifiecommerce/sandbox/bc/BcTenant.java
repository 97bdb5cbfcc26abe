package io.nifiecommerce.sandbox.bc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The companies and custom API pages of the simulated environment. */
final class BcTenant {

    private final BcStore store;
    private final Map<String, BcCompany> byName = new LinkedHashMap<>();
    private final Map<String, BcCompany> byId = new LinkedHashMap<>();
    private final Map<String, BcCustomPage> pages = new LinkedHashMap<>();

    BcTenant(final BcStore store) {
        this.store = store;
    }

    BcStore store() {
        return store;
    }

    BcCompany createCompany(final String name) {
        return store.transaction(() -> {
            if (byName.containsKey(name)) {
                throw new BcApiError(400, "Internal_EntityWithSameKeyExists",
                        "The record in table Company already exists. Identification fields and values: Name='" + name + "'");
            }
            final BcCompany company = new BcCompany(store, store.newId(), name);
            byName.put(name, company);
            byId.put(company.id(), company);
            return company;
        });
    }

    BcCompany byName(final String name) {
        return store.read(() -> byName.get(name));
    }

    BcCompany byId(final String id) {
        return store.read(() -> byId.get(id.toLowerCase(Locale.ROOT)));
    }

    List<BcCompany> companies() {
        return store.read(() -> new ArrayList<>(byName.values()));
    }

    void register(final BcCustomPage page) {
        store.transaction(() -> pages.put(page.route() + "/" + page.entitySet(), page));
    }

    BcCustomPage page(final String route, final String entitySet) {
        return store.read(() -> pages.get(route + "/" + entitySet));
    }

    boolean hasRoute(final String route) {
        return store.read(() -> pages.values().stream().anyMatch(p -> p.route().equals(route)));
    }
}
