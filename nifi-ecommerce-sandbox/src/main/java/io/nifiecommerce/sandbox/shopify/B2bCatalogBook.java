package io.nifiecommerce.sandbox.shopify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A shop's company-location catalogs and their price lists with fixed prices. Written under the shop's lock only. */
final class B2bCatalogBook {

    /** A company-location catalog. */
    static final class CatalogState {
        final long id;
        final String title;
        volatile String status;
        volatile Long priceListId;
        final List<Long> companyLocationIds = new ArrayList<>();

        CatalogState(final long id, final String title, final String status) {
            this.id = id;
            this.title = title;
            this.status = status;
        }
    }

    /** A price list: its currency, its adjustment and its fixed prices by variant id, in the order set. */
    static final class PriceListState {
        final long id;
        final String name;
        final String currency;
        final String adjustmentType;
        final double adjustmentValue;
        volatile Long catalogId;
        final Map<Long, BigDecimal> fixedPrices = new LinkedHashMap<>();

        PriceListState(final long id, final String name, final String currency, final String adjustmentType, final double adjustmentValue) {
            this.id = id;
            this.name = name;
            this.currency = currency;
            this.adjustmentType = adjustmentType;
            this.adjustmentValue = adjustmentValue;
        }
    }

    private final Map<Long, CatalogState> catalogs = new ConcurrentHashMap<>();
    private final Map<Long, PriceListState> priceLists = new ConcurrentHashMap<>();

    void clear() {
        catalogs.clear();
        priceLists.clear();
    }

    Collection<CatalogState> catalogs() {
        return catalogs.values();
    }

    Optional<CatalogState> catalog(final long id) {
        return Optional.ofNullable(catalogs.get(id));
    }

    Optional<PriceListState> priceList(final long id) {
        return Optional.ofNullable(priceLists.get(id));
    }

    Collection<PriceListState> priceLists() {
        return priceLists.values();
    }

    void add(final CatalogState catalog) {
        catalogs.put(catalog.id, catalog);
    }

    void add(final PriceListState priceList) {
        priceLists.put(priceList.id, priceList);
    }

    public int catalogCount() {
        return catalogs.size();
    }
}
