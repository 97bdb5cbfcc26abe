package io.nifiecommerce.sandbox.shopify;

import io.nifiecommerce.sandbox.seed.Company;
import io.nifiecommerce.sandbox.seed.Customer;
import io.nifiecommerce.sandbox.seed.Order;
import io.nifiecommerce.sandbox.seed.ShopSeedData;
import io.nifiecommerce.sandbox.seed.StockLevel;
import io.nifiecommerce.sandbox.seed.StockLocation;
import io.nifiecommerce.sandbox.seed.Variant;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one simulated shop: catalog, people, stock, orders, fulfillment orders and
 * fulfillments. Reads are lock-free; every write takes the shop's lock so that a mutation of several
 * records is atomic, as a Shopify mutation is.
 */
public final class Shop {

    private final String domain;
    private final ShopClock clock;
    private final AtomicLong ids = new AtomicLong(9_000_000_000_000L);

    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    /** The highest order number (#1042: 1042) the shop gave, kept as orders come rather than searched at each draft completed. */
    private long lastOrderNumber;
    private final Map<Long, Variant> variants = new ConcurrentHashMap<>();
    private final Map<Long, Variant> variantsByItem = new ConcurrentHashMap<>();
    private final Map<Long, String> productTitles = new ConcurrentHashMap<>();
    private final Map<Long, ProductState> products = new ConcurrentHashMap<>();
    private final B2bCatalogBook catalogBook = new B2bCatalogBook();
    private final Map<Long, Customer> customers = new ConcurrentHashMap<>();
    private final Map<Long, Company> companies = new ConcurrentHashMap<>();
    private final CompanyDirectory companyDirectory = new CompanyDirectory(this);
    private final Map<Long, StockLocation> locations = new ConcurrentHashMap<>();
    private final Map<StockKey, StockState> stock = new ConcurrentHashMap<>();
    private final Map<Long, FulfillmentOrderState> fulfillmentOrders = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> fulfillmentOrdersByOrder = new ConcurrentHashMap<>();
    private final Map<Long, FulfillmentState> fulfillments = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> fulfillmentsByOrder = new ConcurrentHashMap<>();
    private final Map<Long, DraftOrderState> drafts = new ConcurrentHashMap<>();
    private final java.util.Set<Long> checkoutToDraft = ConcurrentHashMap.newKeySet();
    private final OrderAdjustments adjustments = new OrderAdjustments(this);
    private final Metafields metafields = new Metafields();
    private final Map<Long, OrderEdits.Session> orderEdits = new ConcurrentHashMap<>();

    /** Where an inventory item is stocked. */
    public record StockKey(long inventoryItemId, long locationId) {
    }

    /** The quantities of one inventory level; on_hand = available + committed. */
    static final class StockState {
        final long levelId;
        volatile int available;
        volatile int committed;
        volatile Instant availableUpdatedAt;
        volatile Instant updatedAt;

        StockState(final long levelId, final int available, final int committed, final Instant at) {
            this.levelId = levelId;
            this.available = available;
            this.committed = committed;
            this.updatedAt = at;
        }

        int onHand() {
            return available + committed;
        }
    }

    public Shop(final String domain, final Clock clock) {
        this.domain = domain;
        this.clock = new ShopClock(clock);
    }

    public String domain() {
        return domain;
    }

    Instant tick() {
        return clock.tick();
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Replaces the whole state with the seed's. */
    public synchronized void load(final ShopSeedData seed) {
        load(seed, true);
    }

    /**
     * Replaces the whole state with the seed's; without the catalog, the shop keeps only its people and locations: no
     * products, variants, stock levels, B2B companies nor orders (they come from the ERP's sync, then the buyers).
     */
    public synchronized void load(final ShopSeedData seed, final boolean withCatalog) {
        orders.clear();
        lastOrderNumber = 0;
        variants.clear();
        variantsByItem.clear();
        productTitles.clear();
        products.clear();
        catalogBook.clear();
        customers.clear();
        companies.clear();
        locations.clear();
        stock.clear();
        fulfillmentOrders.clear();
        fulfillmentOrdersByOrder.clear();
        fulfillments.clear();
        fulfillmentsByOrder.clear();
        drafts.clear();
        checkoutToDraft.clear();
        adjustments.clear();
        metafields.clear();
        orderEdits.clear();
        seed.customers().forEach(customer -> customers.put(customer.id(), customer));
        seed.locations().forEach(location -> locations.put(location.id(), location));
        if (!withCatalog) {
            companyDirectory.load(List.of());
            return;
        }
        seed.products().forEach(product -> {
            productTitles.put(product.id(), product.title());
            final ProductState state = new ProductState(product.id(), product.title(), ProductState.handleOf(product.title()), Instant.EPOCH);
            state.productType = product.productType();
            state.vendor = product.vendor();
            state.variantIds = new ArrayList<>(product.variants().stream().map(Variant::id).toList());
            products.put(product.id(), state);
            product.variants().forEach(variant -> {
                variants.put(variant.id(), variant);
                variantsByItem.put(variant.inventoryItemId(), variant);
            });
        });
        seed.companies().forEach(company -> companies.put(company.id(), company));
        companyDirectory.load(seed.companies());
        final Instant seededAt = seed.orders().stream().map(Order::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        for (final StockLevel level : seed.stockLevels()) {
            stock.put(new StockKey(level.inventoryItemId(), level.locationId()),
                    new StockState(nextId(), level.available(), level.committed(), seededAt));
        }
        seed.orders().forEach(this::insertSeeded);
        clock.notBefore(seededAt);
    }

    /** Stocks an inventory item at a location with these quantities, as the merchant's inventoryActivate does; no-op when stocked. */
    public synchronized void activateInventory(final long inventoryItemId, final long locationId, final int available, final int committed) {
        stock.putIfAbsent(new StockKey(inventoryItemId, locationId), new StockState(nextId(), available, committed, clock.tick()));
    }

    /** Makes a B2B company of the directory the purchasing company orders name (orders resolve their buyer here). */
    synchronized void registerCompany(final Company company) {
        companies.put(company.id(), company);
    }

    /** The title of the product a variant belongs to ("" when unknown). */
    public String productTitleOf(final Variant variant) {
        return productTitle(variant.productId());
    }

    /** The status (ACTIVE, DRAFT, ARCHIVED) of the product a variant belongs to, if the product exists. */
    public Optional<String> productStatusOf(final Variant variant) {
        return product(variant.productId()).map(state -> state.status);
    }

    private void insertSeeded(final Order order) {
        orders.put(order.id(), order);
        numbered(order);
        openFulfillmentOrder(order, order.createdAt());
    }

    /** Adds an order, or replaces it; either way its updatedAt moves to now. Returns the stored order. */
    public synchronized Order putOrder(final Order order) {
        final Order stored = order.withUpdate(clock.tick(), order.tags(), order.financialStatus());
        final boolean known = orders.containsKey(order.id());
        orders.put(stored.id(), stored);
        numbered(stored);
        if (!known) {
            openFulfillmentOrder(stored, stored.createdAt());
        }
        return stored;
    }

    private void numbered(final Order order) {
        final String name = order.name();
        if (name != null && name.matches("#\\d{1,18}")) {
            lastOrderNumber = Math.max(lastOrderNumber, Long.parseLong(name.substring(1)));
        }
    }

    /** Bumps an order's updatedAt (an edit in the admin), optionally changing its tags. */
    public synchronized Optional<Order> touchOrder(final long orderId, final List<String> tags) {
        final Order current = orders.get(orderId);
        if (current == null) {
            return Optional.empty();
        }
        final Order updated = current.withUpdate(clock.tick(), tags == null ? current.tags() : List.copyOf(tags), current.financialStatus());
        orders.put(orderId, updated);
        return Optional.of(updated);
    }

    private void openFulfillmentOrder(final Order order, final Instant at) {
        // The order ships from one of the locations that fulfil online orders, chosen by its id.
        final List<StockLocation> shipping = locations.values().stream().filter(StockLocation::fulfillsOnlineOrders)
                .sorted(Comparator.comparingLong(StockLocation::id)).toList();
        if (shipping.isEmpty()) {
            return;
        }
        final StockLocation location = shipping.get((int) (order.id() % shipping.size()));
        final List<FulfillmentOrderState.Line> lines = new ArrayList<>();
        for (final Order.OrderLine line : order.lines()) {
            lines.add(new FulfillmentOrderState.Line(nextId(), line.id(), line.quantity(), line.quantity()));
        }
        final String status = order.cancelledAt() != null ? "CLOSED" : "OPEN";
        final FulfillmentOrderState state = new FulfillmentOrderState(nextId(), order.id(), location.id(), at, List.copyOf(lines), status);
        fulfillmentOrders.put(state.id, state);
        fulfillmentOrdersByOrder.computeIfAbsent(order.id(), k -> new ArrayList<>()).add(state.id);
    }

    /** The orders' metafields. */
    public Metafields metafields() {
        return metafields;
    }

    /** Cancellations, refunds and edits of the orders. */
    public OrderAdjustments adjustments() {
        return adjustments;
    }

    /** Replaces a stored order by a changed copy (cancelled, refunded): used by {@link OrderAdjustments}. */
    synchronized void replaceOrder(final Order changed) {
        orders.put(changed.id(), changed);
    }

    public Collection<Order> orders() {
        return orders.values();
    }

    public Optional<Order> order(final long id) {
        return Optional.ofNullable(orders.get(id));
    }

    public int orderCount() {
        return orders.size();
    }

    public Collection<Variant> variants() {
        return variants.values();
    }

    public Optional<Variant> variant(final long id) {
        return Optional.ofNullable(variants.get(id));
    }

    public Optional<Variant> variantByInventoryItem(final long inventoryItemId) {
        return Optional.ofNullable(variantsByItem.get(inventoryItemId));
    }

    String productTitle(final long productId) {
        return productTitles.getOrDefault(productId, "");
    }

    /** The originalSource of each file productSet gave the product of this variant SKU, in order (empty when none). */
    public synchronized List<String> mediaSources(final String sku) {
        return variants().stream().filter(v -> v.sku().equals(sku)).findFirst().flatMap(v -> product(v.productId()))
                .map(p -> p.mediaSources).orElse(List.of());
    }

    Optional<ProductState> product(final long id) {
        return Optional.ofNullable(products.get(id));
    }

    Collection<ProductState> products() {
        return products.values();
    }

    Optional<ProductState> productByHandle(final String handle) {
        return products.values().stream().filter(product -> product.handle.equals(handle)).findFirst();
    }

    B2bCatalogBook catalogBook() {
        return catalogBook;
    }

    /** The B2B catalogs the shop has (company-location catalogs made by catalogCreate). */
    public int catalogCount() {
        return catalogBook.catalogCount();
    }

    /** The fixed price of a variant in the price list of the catalog titled so, if any. */
    public Optional<java.math.BigDecimal> fixedPrice(final String catalogTitle, final long variantId) {
        return catalogBook.catalogs().stream().filter(c -> c.title.equals(catalogTitle) && c.priceListId != null).findFirst()
                .flatMap(c -> catalogBook.priceList(c.priceListId)).map(list -> list.fixedPrices.get(variantId));
    }

    boolean companyLocationExists(final long locationId) {
        return companyDirectory.location(locationId).isPresent()
                || companies.values().stream().anyMatch(company -> company.locations().stream().anyMatch(l -> l.id() == locationId));
    }

    public int productCount() {
        return products.size();
    }

    /** Stores a product made or changed by productSet (caller holds the lock), with its variants replacing the former ones. */
    void putProduct(final ProductState product, final List<Variant> productVariants) {
        products.put(product.id, product);
        productTitles.put(product.id, product.title);
        final List<Long> kept = productVariants.stream().map(Variant::id).toList();
        for (final Long former : product.variantIds) {
            if (!kept.contains(former)) {
                final Variant removed = variants.remove(former);
                if (removed != null) {
                    variantsByItem.remove(removed.inventoryItemId());
                }
            }
        }
        for (final Variant variant : productVariants) {
            variants.put(variant.id(), variant);
            variantsByItem.put(variant.inventoryItemId(), variant);
        }
        product.variantIds = new ArrayList<>(kept);
    }

    public Optional<Customer> customer(final long id) {
        return Optional.ofNullable(customers.get(id));
    }

    /** The B2B directory the company mutations change. */
    CompanyDirectory companyDirectory() {
        return companyDirectory;
    }

    /** Adds a company-location catalog (as catalogCreate would) and returns its GID. */
    public synchronized String addCompanyLocationCatalog(final String title) {
        final B2bCatalogBook.CatalogState catalog = new B2bCatalogBook.CatalogState(nextId(), title, "ACTIVE");
        catalogBook.add(catalog);
        return Gid.of("CompanyLocationCatalog", catalog.id);
    }

    /**
     * The titles of the catalogs each location of the company of that externalId is in, by location id (as the company's
     * {@code locations { catalogs }} answers); empty when no company has it.
     */
    public synchronized java.util.Map<Long, java.util.List<String>> locationCatalogTitles(final String companyExternalId) {
        final java.util.Map<Long, java.util.List<String>> titles = new java.util.LinkedHashMap<>();
        companyDirectory.companies().stream().filter(c -> c.externalId != null && c.externalId.equals(companyExternalId))
                .flatMap(c -> c.locations.stream())
                .forEach(l -> titles.put(l.id, companyDirectory.catalogsOf(l.id).stream().map(c -> c.title).toList()));
        return titles;
    }

    /** Whether the catalog titled so has a price list. */
    public boolean catalogHasPriceList(final String catalogTitle) {
        return catalogBook.catalogs().stream().anyMatch(c -> c.title.equals(catalogTitle) && c.priceListId != null
                && catalogBook.priceList(c.priceListId).isPresent());
    }

    /** The externalIds of the companies in the B2B directory. */
    public java.util.List<String> companyExternalIds() {
        return companyDirectory.companies().stream().map(c -> c.externalId).toList();
    }

    public Optional<Company> company(final long id) {
        return Optional.ofNullable(companies.get(id));
    }

    public Collection<StockLocation> locations() {
        return locations.values();
    }

    public Optional<StockLocation> location(final long id) {
        return Optional.ofNullable(locations.get(id));
    }

    Optional<StockState> stock(final long inventoryItemId, final long locationId) {
        return Optional.ofNullable(stock.get(new StockKey(inventoryItemId, locationId)));
    }

    List<Map.Entry<StockKey, StockState>> stockOfItem(final long inventoryItemId) {
        return stock.entrySet().stream().filter(entry -> entry.getKey().inventoryItemId() == inventoryItemId)
                .sorted(Comparator.comparingLong(entry -> entry.getKey().locationId())).toList();
    }

    Optional<Map.Entry<StockKey, StockState>> stockByLevelId(final long levelId) {
        return stock.entrySet().stream().filter(entry -> entry.getValue().levelId == levelId).findFirst();
    }

    /** The quantity named "available", "committed" or "on_hand" of an item at a location, if stocked there. */
    public Optional<Integer> quantity(final long inventoryItemId, final long locationId, final String name) {
        return stock(inventoryItemId, locationId).map(state -> switch (name) {
            case "available" -> state.available;
            case "committed" -> state.committed;
            case "on_hand" -> state.onHand();
            default -> 0;
        });
    }

    public List<FulfillmentOrderState> fulfillmentOrdersOf(final long orderId) {
        return fulfillmentOrdersByOrder.getOrDefault(orderId, List.of()).stream().map(fulfillmentOrders::get).toList();
    }

    Optional<FulfillmentOrderState> fulfillmentOrder(final long id) {
        return Optional.ofNullable(fulfillmentOrders.get(id));
    }

    Collection<FulfillmentOrderState> fulfillmentOrders() {
        return fulfillmentOrders.values();
    }

    /** The fulfillments of an order, oldest first. */
    public List<FulfillmentState> fulfillmentsOf(final long orderId) {
        return fulfillmentsByOrder.getOrDefault(orderId, List.of()).stream().map(fulfillments::get).toList();
    }

    Optional<FulfillmentState> fulfillment(final long id) {
        return Optional.ofNullable(fulfillments.get(id));
    }

    public int fulfillmentCount() {
        return fulfillments.size();
    }

    /** Records a fulfillment (caller holds the lock and has decremented the fulfillment order lines). */
    void addFulfillment(final FulfillmentState fulfillment) {
        fulfillments.put(fulfillment.id, fulfillment);
        fulfillmentsByOrder.computeIfAbsent(fulfillment.orderId, k -> new ArrayList<>()).add(fulfillment.id);
    }

    /** Moves an order's fulfillment status from its fulfillment orders and bumps its updatedAt. */
    void refreshFulfillmentStatus(final long orderId) {
        final Order order = orders.get(orderId);
        if (order == null) {
            return;
        }
        final List<FulfillmentOrderState> states = fulfillmentOrdersOf(orderId);
        final int remaining = states.stream().mapToInt(FulfillmentOrderState::remainingTotal).sum();
        final int total = order.lines().stream().mapToInt(Order.OrderLine::quantity).sum();
        final String status = remaining == 0 ? "FULFILLED" : remaining < total ? "PARTIALLY_FULFILLED" : "UNFULFILLED";
        orders.put(orderId, order.withFulfillmentStatus(status, clock.tick()));
    }

    Map<String, Long> counts() {
        final Map<String, Long> counts = new HashMap<>();
        counts.put("orders", (long) orders.size());
        counts.put("fulfillments", (long) fulfillments.size());
        return counts;
    }

    /** Sets a company location's buyer experience to submit its orders as drafts for review (checkoutToDraft). */
    public void checkoutToDraft(final long companyLocationId, final boolean toDraft) {
        if (toDraft) {
            checkoutToDraft.add(companyLocationId);
        } else {
            checkoutToDraft.remove(companyLocationId);
        }
    }

    public boolean checksOutToDraft(final long companyLocationId) {
        return checkoutToDraft.contains(companyLocationId);
    }

    /**
     * A buyer checks out: a B2B order from a location that checks out to draft becomes a draft order for the merchant's
     * review (numbered #D1, #D2...), any other becomes an order. Returns the draft, or empty when an order was placed.
     */
    public synchronized Optional<DraftOrderState> checkout(final Order order) {
        if (order.isB2b() && checkoutToDraft.contains(order.b2b().companyLocationId())) {
            final long id = nextId();
            final DraftOrderState draft = new DraftOrderState(id, "#D" + (drafts.size() + 1),
                    order.asDocument(id, null, clock.tick(), "PENDING"));
            drafts.put(id, draft);
            return Optional.of(draft);
        }
        putOrder(order);
        return Optional.empty();
    }

    public Collection<DraftOrderState> drafts() {
        return drafts.values();
    }

    public Optional<DraftOrderState> draft(final long id) {
        return Optional.ofNullable(drafts.get(id));
    }

    /** Changes an open draft's content (tags, shipping line); its updatedAt moves to now. */
    synchronized DraftOrderState updateDraft(final DraftOrderState draft, final java.util.function.UnaryOperator<Order> change) {
        final Order changed = change.apply(draft.content);
        draft.content = changed.withUpdate(clock.tick(), changed.tags(), changed.financialStatus());
        return draft;
    }

    /** Completes a draft into an order named after the shop's last order (#1001...), with the draft's content (the merchant's "Mark as paid"/"Create order" too). */
    public synchronized Order completeDraft(final DraftOrderState draft, final boolean paymentPending) {
        final long next = Math.max(lastOrderNumber, 1000) + 1;
        final Instant at = clock.tick();
        final Order order = putOrder(draft.content.asDocument(nextId(), "#" + next, at, paymentPending ? "PENDING" : "PAID"));
        draft.status = "COMPLETED";
        draft.completedAt = at;
        draft.orderId = order.id();
        draft.content = draft.content.withUpdate(at, draft.content.tags(), draft.content.financialStatus());
        return order;
    }

    /** The sales administration tags a draft in the admin (e.g. to approve it); its updatedAt moves to now. */
    public synchronized Optional<DraftOrderState> tagDraft(final long draftId, final String tag) {
        final DraftOrderState draft = drafts.get(draftId);
        if (draft == null) {
            return Optional.empty();
        }
        return Optional.of(updateDraft(draft, content -> {
            final List<String> tags = new ArrayList<>(content.tags());
            if (tags.stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
                tags.add(tag);
            }
            return content.withUpdate(content.updatedAt(), tags, content.financialStatus());
        }));
    }

    /**
     * Turns a seeded B2B order into the draft its buyer would have submitted had its location checked out to draft (the
     * location is set so): the order and its fulfillment orders go, a draft with the same lines and buyer comes, without
     * shipping line (the ERP quotes the carrier). Returns the draft, or empty for an unknown or retail order.
     */
    public synchronized Optional<DraftOrderState> resubmitAsDraft(final long orderId) {
        final Order order = orders.get(orderId);
        if (order == null || !order.isB2b()) {
            return Optional.empty();
        }
        orders.remove(orderId);
        fulfillmentOrdersByOrder.getOrDefault(orderId, List.of()).forEach(fulfillmentOrders::remove);
        fulfillmentOrdersByOrder.remove(orderId);
        checkoutToDraft.add(order.b2b().companyLocationId());
        return checkout(order.withShippingLines(List.of(), order.updatedAt()));
    }

    /** Open order edits by calculated order id. */
    Map<Long, OrderEdits.Session> orderEdits() {
        return orderEdits;
    }

    /** Replaces an order's shipping lines (an order edit committed, by the API or in the admin); its updatedAt moves to now. */
    public synchronized Optional<Order> replaceShippingLines(final long orderId, final List<Order.ShippingLine> shippingLines) {
        final Order order = orders.get(orderId);
        if (order == null) {
            return Optional.empty();
        }
        final Order edited = order.withShippingLines(shippingLines, clock.tick());
        orders.put(orderId, edited);
        return Optional.of(edited);
    }
}
