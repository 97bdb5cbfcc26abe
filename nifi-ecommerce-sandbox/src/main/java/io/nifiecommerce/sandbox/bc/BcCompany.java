package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One company of the simulated tenant: customers, items, sales orders with their lines, posted
 * shipments and invoices, and the rows of custom API pages. Business rules follow BC: numbers from
 * number series ({@code S-ORD101001}, {@code S-SHPT102001}, {@code S-INV103001}), totals computed
 * from the lines, the customer and items looked up and copied onto the document, and no uniqueness
 * check on {@code externalDocumentNumber} (a second order with the same one is a duplicate).
 * Thread-safe: everything runs under the tenant's {@link BcStore} lock.
 */
public final class BcCompany {

    public static final String CUSTOMERS = "customers";
    public static final String ITEMS = "items";
    public static final String SALES_ORDERS = "salesOrders";
    public static final String SALES_ORDER_LINES = "salesOrderLines";
    public static final String SALES_INVOICES = "salesInvoices";
    public static final String SALES_INVOICE_LINES = "salesInvoiceLines";
    public static final String SALES_SHIPMENTS = "salesShipments";
    public static final String SALES_SHIPMENT_LINES = "salesShipmentLines";
    public static final String SALES_CREDIT_MEMOS = "salesCreditMemos";
    public static final String SALES_CREDIT_MEMO_LINES = "salesCreditMemoLines";
    public static final String ITEM_LEDGER_ENTRIES = "itemLedgerEntries";
    public static final String ITEM_VARIANTS = "itemVariants";
    public static final String LOCATIONS = "locations";
    public static final String PURCHASE_ORDERS = "purchaseOrders";
    public static final String PURCHASE_ORDER_LINES = "purchaseOrderLines";
    public static final String PURCHASE_RECEIPTS = "purchaseReceipts";
    public static final String PURCHASE_RECEIPT_LINES = "purchaseReceiptLines";
    public static final String VENDORS = "vendors";
    public static final String PURCHASE_INVOICES = "purchaseInvoices";
    public static final String PURCHASE_INVOICE_LINES = "purchaseInvoiceLines";
    public static final String JOURNALS = "journals";
    public static final String JOURNAL_LINES = "journalLines";
    public static final String DIMENSION_SET_LINES = "dimensionSetLines";
    public static final String PURCHASE_CREDIT_MEMOS = "purchaseCreditMemos";
    public static final String PURCHASE_CREDIT_MEMO_LINES = "purchaseCreditMemoLines";
    public static final String GL_ENTRIES = "generalLedgerEntries";

    private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    /** The part of the salesOrders page the simulator deep-inserts (others answer 501). */
    private static final Set<String> ORDER_NAVIGATION = Set.of(BcEntityType.SALES_ORDER.page().part(SALES_ORDER_LINES).orElseThrow().name());
    private static final Set<String> CREDIT_MEMO_NAVIGATION = Set.of(
            BcEntityType.SALES_CREDIT_MEMO.page().part(SALES_CREDIT_MEMO_LINES).orElseThrow().name());
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BcStore store;
    private final String id;
    private final String name;
    private final Instant createdAt;
    private final Map<String, BcTable> tables = new LinkedHashMap<>();
    private final Map<String, BcTable> customTables = new HashMap<>();
    private final Map<String, Long> numberSeries = new HashMap<>();
    private volatile BigDecimal taxPercent = BigDecimal.valueOf(20);
    private final Map<String, FreightTerms> freightTerms = new java.util.concurrent.ConcurrentHashMap<>();
    private final ItemLedger ledger;
    private final BcDocumentPosting posting;
    /**
     * The bc-extension's header fields that API v2.0 does not show, per order id: the Sales Header's packageTrackingNumber,
     * shippingAgentCode and yourReference, the Purchase Header's vendorShipmentNumber.
     */
    private final Map<String, ObjectNode> shippingFields = new HashMap<>();
    /** The Vendor Shipment No. each posted receipt carries (copied from its order), per receipt id: bc-extension's postedPurchaseReceipts. */
    private final Map<String, ObjectNode> receiptMarks = new HashMap<>();
    /** The Item table's Picture (a MediaSet), per item id, as the picture navigation of items serves it. */
    private final Map<String, ItemPicture> itemPictures = new HashMap<>();
    /** The Customer table fields API v2.0 does not show (price group, default ship-to address), per customer id: bc-extension's shopCustomers. */
    private final Map<String, ObjectNode> customerCards = new HashMap<>();
    /** The package tracking number each posted shipment carries, per shipment number. */
    private final Map<String, String> shipmentTracking = new LinkedHashMap<>();
    /** The customers' number series (CUST) allows numbers entered by hand, as CRONUS's does. */
    private volatile boolean manualCustomerNumbers = true;
    private final BcAccounting accounting;

    BcCompany(final BcStore store, final String id, final String name) {
        this.store = store;
        this.id = id;
        this.name = name;
        this.createdAt = store.now();
        table(CUSTOMERS, BcEntityType.CUSTOMER);
        table(ITEMS, BcEntityType.ITEM);
        table(SALES_ORDERS, BcEntityType.SALES_ORDER);
        table(SALES_ORDER_LINES, BcEntityType.SALES_ORDER_LINE);
        table(SALES_INVOICES, BcEntityType.SALES_INVOICE);
        table(SALES_INVOICE_LINES, BcEntityType.SALES_INVOICE_LINE);
        table(SALES_SHIPMENTS, BcEntityType.SALES_SHIPMENT);
        table(SALES_SHIPMENT_LINES, BcEntityType.SALES_SHIPMENT_LINE);
        table(SALES_CREDIT_MEMOS, BcEntityType.SALES_CREDIT_MEMO);
        table(SALES_CREDIT_MEMO_LINES, BcEntityType.SALES_CREDIT_MEMO_LINE);
        table(ITEM_LEDGER_ENTRIES, BcEntityType.ITEM_LEDGER_ENTRY);
        table(LOCATIONS, BcEntityType.LOCATION);
        table(PURCHASE_ORDERS, BcEntityType.PURCHASE_ORDER);
        table(PURCHASE_ORDER_LINES, BcEntityType.PURCHASE_ORDER_LINE);
        table(PURCHASE_RECEIPTS, BcEntityType.PURCHASE_RECEIPT);
        table(PURCHASE_RECEIPT_LINES, BcEntityType.PURCHASE_RECEIPT_LINE);
        table(ITEM_VARIANTS, BcEntityType.ITEM_VARIANT);
        table(VENDORS, BcEntityType.VENDOR);
        table(PURCHASE_INVOICES, BcEntityType.PURCHASE_INVOICE);
        table(PURCHASE_INVOICE_LINES, BcEntityType.PURCHASE_INVOICE_LINE);
        table(JOURNALS, BcEntityType.JOURNAL);
        table(JOURNAL_LINES, BcEntityType.JOURNAL_LINE);
        table(DIMENSION_SET_LINES, BcEntityType.DIMENSION_SET_LINE);
        table(PURCHASE_CREDIT_MEMOS, BcEntityType.PURCHASE_CREDIT_MEMO);
        table(PURCHASE_CREDIT_MEMO_LINES, BcEntityType.PURCHASE_CREDIT_MEMO_LINE);
        table(GL_ENTRIES, BcEntityType.GL_ENTRY);
        this.ledger = new ItemLedger(store, tables.get(ITEMS), tables.get(ITEM_LEDGER_ENTRIES), tables.get(LOCATIONS),
                customTable(BcStockByLocation.PAGE));
        this.posting = new BcDocumentPosting(this, store, ledger);
        this.accounting = new BcAccounting(this, store, tables);
    }

    private void table(final String entitySet, final BcEntityType type) {
        tables.put(entitySet, new BcTable(type, store));
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The VAT / sales tax rate applied to item lines (20 by default). */
    public void taxPercent(final BigDecimal percent) {
        this.taxPercent = percent;
    }

    // ---------------------------------------------------------------- seeding and reading (tests, facade)

    /**
     * Creates or replaces (by number) an item; its inventory is brought to {@code inventory} by an
     * adjustment in the item ledger, the only way BC's inventory changes.
     */
    public JsonNode putItem(final String number, final String displayName, final String gtin, final BigDecimal unitPrice,
                            final BigDecimal inventory) {
        return store.transaction(() -> {
            final ObjectNode values = JsonNodeFactory.instance.objectNode();
            values.put("number", number).put("displayName", displayName).put("gtin", gtin == null ? "" : gtin)
                    .put("unitPrice", unitPrice);
            final BcTable items = tables.get(ITEMS);
            final BcRow existing = findByField(items, "number", number.toUpperCase(Locale.ROOT));
            final BcRow row = existing == null ? create(ITEMS, values, null) : update(ITEMS, existing.id(), values, "*");
            ledger.adjustTo(items.get(row.id()), inventory, "", number.toUpperCase(Locale.ROOT));
            return items.get(row.id()).data().deepCopy();
        });
    }

    /** Creates or replaces (by item and code) a variant of an existing item, as the Item Variants page would. */
    public JsonNode putItemVariant(final String itemNumber, final String code, final String description) {
        return store.transaction(() -> {
            final BcRow item = findByField(tables.get(ITEMS), "number", itemNumber.toUpperCase(Locale.ROOT));
            if (item == null) {
                throw new BcApiError(400, "Application_DialogException", "The Item does not exist. Identification fields and values: No.='"
                        + itemNumber + "'");
            }
            final BcTable variants = tables.get(ITEM_VARIANTS);
            final String key = code.trim().toUpperCase(Locale.ROOT);
            final BcRow existing = variantsOf(item.id()).stream().filter(v -> v.data().path("code").asText().equals(key)).findFirst().orElse(null);
            final ObjectNode data = existing == null ? EntityBody.blank(variants.type()) : existing.data().deepCopy();
            data.put("itemId", item.id()).put("itemNumber", item.data().path("number").asText()).put("code", key).put("description", description);
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            if (existing != null) {
                return variants.replace(existing, data).data().deepCopy();
            }
            final String rowId = store.newId();
            data.put("id", rowId);
            return variants.insert(rowId, data).data().deepCopy();
        });
    }

    /**
     * Deletes an item and its variants, as a user deleting the item card does (BC refuses it for items with ledger entries in
     * an open fiscal year; the simulator does not check that). The items page no longer lists it: nothing tells a reader it
     * existed.
     */
    public void deleteItem(final String itemNumber) {
        store.transaction(() -> {
            final BcRow item = requireItem(itemNumber);
            variantsOf(item.id()).forEach(tables.get(ITEM_VARIANTS)::delete);
            final ItemPicture picture = itemPictures.remove(item.id());
            if (picture != null) {
                store.journal(() -> itemPictures.put(item.id(), picture));
            }
            tables.get(ITEMS).delete(item);
            return null;
        });
    }

    /** An item's picture: its bytes, MIME type and size in pixels. */
    public record ItemPicture(byte[] content, String contentType, int width, int height) {
    }

    /**
     * Sets (or, with null content, removes) an item's picture, as a user importing one on the item card does: the Item
     * record is modified (a new version and SystemModifiedAt).
     */
    public void putItemPicture(final String itemNumber, final byte[] content, final String contentType, final int width, final int height) {
        store.transaction(() -> {
            final BcRow item = requireItem(itemNumber);
            final ItemPicture previous = itemPictures.get(item.id());
            if (content == null) {
                itemPictures.remove(item.id());
            } else {
                itemPictures.put(item.id(), new ItemPicture(content.clone(), contentType, width, height));
            }
            restoreOnRollback(itemPictures, item.id(), previous);
            final ObjectNode data = item.data().deepCopy();
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            tables.get(ITEMS).replace(item, data);
            return null;
        });
    }

    /** The picture of an item (by id), null when it has none. */
    ItemPicture itemPicture(final String itemId) {
        return itemPictures.get(itemId);
    }

    /** On rollback, puts back the entry a transaction replaced (or removes the one it added). */
    private <V> void restoreOnRollback(final Map<String, V> map, final String key, final V previous) {
        store.journal(() -> {
            if (previous == null) {
                map.remove(key);
            } else {
                map.put(key, previous);
            }
        });
    }

    /** The variants of an item (by the item's id), in the order created. */
    List<BcRow> variantsOf(final String itemId) {
        return tables.get(ITEM_VARIANTS).rows().stream().filter(row -> row.data().path("itemId").asText().equals(itemId)).toList();
    }

    /** Creates or replaces (by code) a location (warehouse). */
    public JsonNode putLocation(final String code, final String displayName) {
        return store.transaction(() -> {
            final BcTable locations = tables.get(LOCATIONS);
            final String key = code.trim().toUpperCase(Locale.ROOT);
            final BcRow existing = findByField(locations, "code", key);
            final ObjectNode data = existing == null ? EntityBody.blank(locations.type()) : existing.data().deepCopy();
            data.put("code", key).put("displayName", displayName);
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            if (existing != null) {
                return locations.replace(existing, data).data().deepCopy();
            }
            final String rowId = store.newId();
            data.put("id", rowId);
            return locations.insert(rowId, data).data().deepCopy();
        });
    }

    /** Creates or replaces (by number) a customer. */
    public JsonNode putCustomer(final String number, final String displayName, final String email, final String taxRegistrationNumber) {
        final ObjectNode values = JsonNodeFactory.instance.objectNode();
        values.put("number", number).put("displayName", displayName).put("email", email == null ? "" : email)
                .put("taxRegistrationNumber", taxRegistrationNumber == null ? "" : taxRegistrationNumber);
        return putCustomer(values);
    }

    /** Creates or replaces (by {@code number}) a customer from any customer fields (addresses, phone...). */
    public JsonNode putCustomer(final JsonNode values) {
        return store.transaction(() -> {
            final String number = values.path("number").asText("").toUpperCase(Locale.ROOT);
            final BcRow existing = number.isEmpty() ? null : findByField(tables.get(CUSTOMERS), "number", number);
            final BcRow row = existing == null ? create(CUSTOMERS, values, null) : update(CUSTOMERS, existing.id(), values, "*");
            return row.data().deepCopy();
        });
    }

    /** Charges freight on the customer's sales orders from now on (see {@link FreightTerms}); null stops it. */
    public void freightTerms(final String customerNumber, final FreightTerms terms) {
        if (terms == null) {
            freightTerms.remove(customerNumber);
        } else {
            freightTerms.put(customerNumber, terms);
        }
    }

    /** Sets "Manual Nos." on the customers' number series: without it, a customer created with a number is refused. */
    public void manualCustomerNumbers(final boolean allowed) {
        manualCustomerNumbers = allowed;
    }

    /** Creates or replaces (by {@code number}) a vendor, e.g. a marketplace that invoices its commissions. */
    public JsonNode putVendor(final String number, final String displayName) {
        return store.transaction(() -> {
            final ObjectNode values = JsonNodeFactory.instance.objectNode().put("number", number).put("displayName", displayName);
            final BcRow existing = findByField(tables.get(VENDORS), "number", number);
            final BcRow row = existing == null ? create(VENDORS, values, null) : update(VENDORS, existing.id(), values, "*");
            return row.data().deepCopy();
        });
    }

    /** Creates a general journal (batch) unless one has the code; returns it. */
    public JsonNode putJournal(final String code, final String displayName) {
        return store.transaction(() -> {
            final BcRow existing = findByField(tables.get(JOURNALS), "code", code);
            return (existing != null ? existing : create(JOURNALS, JsonNodeFactory.instance.objectNode().put("code", code)
                    .put("displayName", displayName), null)).data().deepCopy();
        });
    }

    /** Adds a value to a dimension (creating the dimension), as the Dimensions and Dimension Values pages would. */
    public void putDimensionValue(final String dimensionCode, final String valueCode, final String valueName) {
        store.transaction(() -> {
            accounting.putDimensionValue(dimensionCode, valueCode, valueName);
            return null;
        });
    }

    /** The dimension set lines of a document (a sales order, a purchase invoice) by its id. */
    public List<JsonNode> dimensionSetLines(final String documentId) {
        return store.read(() -> linesOf(DIMENSION_SET_LINES, documentId).stream().map(row -> (JsonNode) row.data().deepCopy()).toList());
    }

    /** Purchase invoices with their {@code purchaseInvoiceLines}. */
    public List<JsonNode> purchaseInvoices() {
        return snapshot(PURCHASE_INVOICES);
    }

    /** General journal lines of every journal. */
    public List<JsonNode> journalLines() {
        return snapshot(JOURNAL_LINES);
    }

    /** Purchase credit memos with their {@code purchaseCreditMemoLines}. */
    public List<JsonNode> purchaseCreditMemos() {
        return snapshot(PURCHASE_CREDIT_MEMOS);
    }

    /** Posted general ledger entries. */
    public List<JsonNode> generalLedgerEntries() {
        return snapshot(GL_ENTRIES);
    }

    /**
     * Posts a general journal as the accountant's Post action does: each line becomes a G/L entry and leaves the journal;
     * a document whose lines do not balance is refused and nothing is posted. Returns the number of entries written.
     */
    public int postJournal(final String code) {
        return store.transaction(() -> {
            final BcRow journal = findByField(tables.get(JOURNALS), "code", code);
            if (journal == null) {
                throw BcApiError.relatedNotFound("Gen. Journal Batch", "Journal Template Name='GENERAL',Name='" + code + "'");
            }
            return accounting.postJournal(journal);
        });
    }

    /** Creates a sales order as a POST would (deep insert when the body has {@code salesOrderLines}). */
    public JsonNode createSalesOrder(final JsonNode body) {
        return store.transaction(() -> withLines(SALES_ORDERS, create(SALES_ORDERS, body, null)));
    }

    public List<JsonNode> customers() {
        return snapshot(CUSTOMERS);
    }

    public List<JsonNode> items() {
        return snapshot(ITEMS);
    }

    /** The item ledger, oldest entry first. */
    public List<JsonNode> itemLedgerEntries() {
        return snapshot(ITEM_LEDGER_ENTRIES);
    }

    /** An item's inventory per location code ({@code ""} for no location), summed from its ledger entries. */
    public Map<String, BigDecimal> inventoryByLocation(final String itemNumber) {
        return store.read(() -> ledger.byLocation(itemNumber.toUpperCase(Locale.ROOT)));
    }

    /** Sales orders with their {@code salesOrderLines}, in creation order. */
    public List<JsonNode> salesOrders() {
        return snapshot(SALES_ORDERS);
    }

    /** Posted sales invoices with their {@code salesInvoiceLines}. */
    public List<JsonNode> salesInvoices() {
        return snapshot(SALES_INVOICES);
    }

    /** Posted sales shipments with their {@code salesShipmentLines}. */
    /** Credit memos with their lines, as GET salesCreditMemos?$expand=salesCreditMemoLines answers. */
    public List<JsonNode> salesCreditMemos() {
        return snapshot(SALES_CREDIT_MEMOS);
    }

    public List<JsonNode> salesShipments() {
        return snapshot(SALES_SHIPMENTS);
    }

    /** The rows of a custom API page in this company. */
    public List<JsonNode> customRows(final BcCustomPage page) {
        return store.read(() -> customTable(page).rows().stream().map(r -> (JsonNode) r.data().deepCopy()).toList());
    }

    private List<JsonNode> snapshot(final String entitySet) {
        return store.read(() -> tables.get(entitySet).rows().stream().map(row -> (JsonNode) withLines(entitySet, row)).toList());
    }

    /** Adds a row to a custom API page; {@code id} and {@code lastModifiedDateTime} are filled when absent. */
    public JsonNode addCustomRow(final BcCustomPage page, final Map<String, ?> values) {
        return store.transaction(() -> {
            final BcEntityType type = page.type();
            final ObjectNode data = EntityBody.blank(type);
            final JsonNode body = MAPPER.valueToTree(values);
            body.fields().forEachRemaining(entry -> {
                final BcField field = type.require(entry.getKey());
                data.set(field.name(), EntityBody.convert(field, entry.getValue()));
            });
            final String rowId = type.field("id") != null && !body.hasNonNull("id") ? store.newId() : body.path("id").asText(store.newId());
            if (type.field("id") != null) {
                data.put("id", rowId);
            }
            if (type.field("lastModifiedDateTime") != null && !body.hasNonNull("lastModifiedDateTime")) {
                data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            }
            return customTable(page).insert(rowId, data).data().deepCopy();
        });
    }

    /**
     * Posts the order as "Ship and Invoice" does: a sales shipment and a sales invoice (with lines)
     * carrying the order's externalDocumentNumber and orderNumber, item inventory decreased, and the
     * order removed from salesOrders. Returns the invoice.
     */
    public JsonNode shipAndInvoice(final String orderNumber) {
        return store.transaction(() -> {
            final BcTable orders = tables.get(SALES_ORDERS);
            final BcRow order = findByField(orders, "number", orderNumber.toUpperCase(Locale.ROOT));
            if (order == null) {
                throw BcApiError.recordNotFound("Sales Header", "Document Type='Order',No.='" + orderNumber + "'");
            }
            return posting.ship(order, true);
        });
    }

    /** The bound action {@code salesOrders(<id>)/Microsoft.NAV.shipAndInvoice}: ships and invoices what the lines' Qty. to Ship say. */
    void shipAndInvoiceById(final String orderId) {
        store.transaction(() -> posting.ship(require(SALES_ORDERS, orderId), true));
    }

    /** bc-extension's {@code shippableSalesOrders(<id>)/Microsoft.NAV.ship}: Sales-Post with Ship and not Invoice. */
    void shipById(final String orderId) {
        store.transaction(() -> posting.ship(require(SALES_ORDERS, orderId), false));
    }

    /** The bound action {@code purchaseOrders(<id>)/Microsoft.NAV.receiveAndInvoice}. */
    void receiveAndInvoiceById(final String orderId) {
        store.transaction(() -> posting.receive(require(PURCHASE_ORDERS, orderId), true));
    }

    /** bc-extension's {@code receivablePurchaseOrders(<id>)/Microsoft.NAV.receive}: Purch.-Post with Receive and not Invoice. */
    void receiveById(final String orderId) {
        store.transaction(() -> posting.receive(require(PURCHASE_ORDERS, orderId), false));
    }

    /**
     * Releases a sales order, as a user does with Release in BC (status Released, {@code Open} in API v2.0, which
     * has no action for it).
     */
    public JsonNode releaseSalesOrder(final String orderNumber) {
        return store.transaction(() -> {
            final BcTable orders = tables.get(SALES_ORDERS);
            final BcRow order = findByField(orders, "number", orderNumber.toUpperCase(Locale.ROOT));
            if (order == null) {
                throw BcApiError.recordNotFound("Sales Header", "Document Type='Order',No.='" + orderNumber + "'");
            }
            final ObjectNode data = order.data().deepCopy();
            data.put("status", "Open").put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            return withLines(SALES_ORDERS, orders.replace(order, data));
        });
    }

    /**
     * Creates a purchase order as a buyer does in BC: {@code body} holds the writable fields of Microsoft's
     * purchaseOrders page ({@code vendorNumber}, dates...) and {@code purchaseOrderLines} (item {@code lineObjectNumber},
     * {@code quantity}, {@code directUnitCost}, {@code locationId}). Vendors are not simulated: the number and name are
     * taken as given. Status Released ({@code Open}), as a purchase order sent to a supplier is.
     */
    public JsonNode createPurchaseOrder(final String vendorName, final JsonNode body) {
        return store.transaction(() -> {
            final BcTable orders = tables.get(PURCHASE_ORDERS);
            final ObjectNode data = EntityBody.blank(orders.type());
            EntityBody.bind(orders.type(), data, body, Set.of(PURCHASE_ORDER_LINES));
            data.put("vendorName", vendorName == null ? "" : vendorName).put("payToName", vendorName == null ? "" : vendorName)
                    .put("payToVendorNumber", data.path("vendorNumber").asText());
            data.put("number", nextNumber(PURCHASE_ORDERS, "106", 1, 1, "%s%03d"));
            final String today = LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString();
            data.put("orderDate", today).put("postingDate", today).put("status", "Open").put("discountAppliedBeforeTax", true);
            final String orderId = store.newId();
            data.put("id", orderId).put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            orders.insert(orderId, data);
            final BcTable lines = tables.get(PURCHASE_ORDER_LINES);
            int sequence = 10000;
            for (final JsonNode lineBody : body.path(PURCHASE_ORDER_LINES)) {
                final ObjectNode line = EntityBody.blank(lines.type());
                EntityBody.bind(lines.type(), line, lineBody, Set.of());
                line.put("lineType", "Item");
                final BcRow item = requireItem(line.path("lineObjectNumber").asText());
                line.put("itemId", item.id()).put("lineObjectNumber", item.data().path("number").asText())
                        .put("description", item.data().path("displayName").asText())
                        .put("unitOfMeasureCode", item.data().path("baseUnitOfMeasureCode").asText())
                        .put("taxPercent", taxPercent).put("sequence", sequence).put("documentId", orderId)
                        .put("expectedReceiptDate", today);
                BcDocumentPosting.computePurchaseLine(line);
                final String lineId = store.newId();
                line.put("id", lineId);
                lines.insert(lineId, line);
                sequence += 10000;
            }
            recomputeTotals(PURCHASE_ORDERS, orderId);
            return withLines(PURCHASE_ORDERS, orders.get(orderId));
        });
    }

    /** Purchase orders with their {@code purchaseOrderLines}. */
    public List<JsonNode> purchaseOrders() {
        return snapshot(PURCHASE_ORDERS);
    }

    /** Posted purchase receipts with their {@code purchaseReceiptLines}. */
    public List<JsonNode> purchaseReceipts() {
        return snapshot(PURCHASE_RECEIPTS);
    }

    /** The Vendor Shipment No. of each posted purchase receipt that carries one, by receipt number. */
    public Map<String, String> postedReceiptMarks() {
        return store.read(() -> {
            final Map<String, String> marks = new LinkedHashMap<>();
            for (final BcRow receipt : tables.get(PURCHASE_RECEIPTS).rows()) {
                final ObjectNode mark = receiptMarks.get(receipt.id());
                if (mark != null) {
                    marks.put(receipt.data().path("number").asText(), mark.path("vendorShipmentNumber").asText());
                }
            }
            return marks;
        });
    }

    /**
     * Posts a receipt of a purchase order as a person does in BC: Qty. to Receive of each item line set to the quantity
     * given for its item (0 for the others), then Receive without Invoice. The order's Vendor Shipment No., whatever it
     * holds, goes onto the receipt, as Purch.-Post copies it.
     */
    public JsonNode receivePurchaseOrderLines(final String orderNumber, final Map<String, BigDecimal> quantities) {
        return store.transaction(() -> {
            final BcRow order = findByField(tables.get(PURCHASE_ORDERS), "number", orderNumber.toUpperCase(Locale.ROOT));
            if (order == null) {
                throw BcApiError.recordNotFound("Purchase Header", "Document Type='Order',No.='" + orderNumber + "'");
            }
            final BcTable lines = tables.get(PURCHASE_ORDER_LINES);
            for (final BcRow line : linesOf(PURCHASE_ORDER_LINES, order.id())) {
                final ObjectNode data = line.data().deepCopy();
                data.put("receiveQuantity", quantities.getOrDefault(data.path("lineObjectNumber").asText(), BigDecimal.ZERO));
                lines.replace(line, data);
            }
            return posting.receive(order, false);
        });
    }

    /** The package tracking number of each posted sales shipment that carried one, by shipment number. */
    public Map<String, String> shipmentTrackingNumbers() {
        return store.read(() -> Map.copyOf(shipmentTracking));
    }

    /**
     * The order's package tracking number goes onto its posted shipment, as Sales-Post copies it; so does Your Reference
     * (set through bc-extension), which API v2.0's salesShipments shows as customerPurchaseOrderReference.
     */
    void recordShipmentTracking(final String orderId, final String shipmentNumber, final ObjectNode shipment) {
        final ObjectNode fields = shippingFields.get(orderId);
        final String reference = fields == null ? "" : fields.path("yourReference").asText("");
        if (!reference.isEmpty()) {
            shipment.put("customerPurchaseOrderReference", reference);
        }
        final String tracking = fields == null ? "" : fields.path("packageTrackingNumber").asText("");
        if (!tracking.isEmpty()) {
            shipmentTracking.put(shipmentNumber, tracking);
            store.journal(() -> shipmentTracking.remove(shipmentNumber));
        }
    }

    /** The order's Vendor Shipment No. (set through bc-extension) goes onto its posted receipt, as Purch.-Post copies it. */
    void recordReceiptMark(final String orderId, final String receiptId) {
        final ObjectNode fields = shippingFields.get(orderId);
        final String mark = fields == null ? "" : fields.path("vendorShipmentNumber").asText("");
        if (!mark.isEmpty()) {
            receiptMarks.put(receiptId, JsonNodeFactory.instance.objectNode().put("vendorShipmentNumber", mark));
            store.journal(() -> receiptMarks.remove(receiptId));
        }
    }

    // ---------------------------------------------------------------- bc-extension views (shippableSalesOrders, receivablePurchaseOrders, shopCustomers)

    /** The rows of a view page: one per sales (purchase) order or customer, in order, with its source record's ETag. */
    List<BcRow> viewRows(final BcCustomPage page) {
        final List<BcRow> rows = new ArrayList<>();
        for (final BcRow source : tables.get(viewSource(page)).rows()) {
            rows.add(viewRow(page, source));
        }
        return rows;
    }

    /** The customers as bc-extension's shopCustomers shows them: with their price group and default ship-to address. */
    public List<JsonNode> shopCustomers() {
        return store.read(() -> viewRows(BcShopCustomers.PAGE).stream().map(row -> (JsonNode) row.data().deepCopy()).toList());
    }

    BcRow viewRow(final BcCustomPage page, final String rowId) {
        return viewRow(page, require(viewSource(page), rowId));
    }

    private static String viewSource(final BcCustomPage page) {
        if (page.equals(BcShopCustomers.PAGE)) {
            return CUSTOMERS;
        }
        if (page.equals(BcEdiExtension.POSTED_PURCHASE_RECEIPTS)) {
            return PURCHASE_RECEIPTS;
        }
        return page.equals(BcEdiExtension.SHIPPABLE_SALES_ORDERS) ? SALES_ORDERS : PURCHASE_ORDERS;
    }

    private BcRow viewRow(final BcCustomPage page, final BcRow source) {
        final ObjectNode data = EntityBody.blank(page.type());
        final JsonNode o = source.data();
        final ObjectNode extra = (page.equals(BcShopCustomers.PAGE) ? customerCards
                : page.equals(BcEdiExtension.POSTED_PURCHASE_RECEIPTS) ? receiptMarks : shippingFields).get(source.id());
        data.fieldNames().forEachRemaining(field -> {
            if (o.has(field)) {
                data.set(field, o.get(field));
            } else if (extra != null && extra.has(field)) {
                data.set(field, extra.get(field));
            }
        });
        return new BcRow(source.id(), source.sequence(), source.version(), data);
    }

    /**
     * Sets Customer table fields that API v2.0 does not show and bc-extension's shopCustomers does ({@link
     * BcShopCustomers#CARD_FIELDS}: customer price group, discount group, default ship-to code and address); fields not
     * given keep their value. The customer is modified (a new version and SystemModifiedAt), as a change of its card is.
     *
     * @throws BcApiError when the customer does not exist or a field is not one of those
     */
    public JsonNode putCustomerCard(final String customerNumber, final Map<String, ?> values) {
        return store.transaction(() -> {
            final BcRow customer = findByField(tables.get(CUSTOMERS), "number", customerNumber.toUpperCase(Locale.ROOT));
            if (customer == null) {
                throw BcApiError.recordNotFound("Customer", "No.='" + customerNumber + "'");
            }
            final ObjectNode previous = customerCards.get(customer.id());
            final ObjectNode card = previous == null ? JsonNodeFactory.instance.objectNode() : previous.deepCopy();
            MAPPER.valueToTree(values).fields().forEachRemaining(entry -> {
                final BcField field = BcShopCustomers.CARD_FIELDS.stream().filter(f -> f.name().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> BcApiError.badRequest("The property '" + entry.getKey() + "' is not a Customer field of shopCustomers."));
                card.set(field.name(), EntityBody.convert(field, entry.getValue()));
            });
            if (card.path("shipToCode").asText("").isEmpty()) {
                // the page reads the Ship-to Address of the default ship-to code only: none, blanks
                card.remove(BcShopCustomers.SHIP_TO_ADDRESS);
            }
            customerCards.put(customer.id(), card);
            restoreOnRollback(customerCards, customer.id(), previous);
            final ObjectNode data = customer.data().deepCopy();
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            return viewRow(BcShopCustomers.PAGE, tables.get(CUSTOMERS).replace(customer, data)).data().deepCopy();
        });
    }

    /**
     * PATCH of shippableSalesOrders (the Sales Header's packageTrackingNumber, shippingAgentCode and yourReference) or
     * receivablePurchaseOrders (the Purchase Header's vendorShipmentNumber): the page's editable fields, nothing else.
     */
    BcRow patchView(final BcCustomPage page, final String orderId, final JsonNode body, final String ifMatch) {
        return store.transaction(() -> {
            if (!page.type().page().modifyAllowed()) {
                throw BcApiError.methodNotAllowed("PATCH", page.entitySet(), "Entity");
            }
            final String source = viewSource(page);
            final BcRow order = require(source, orderId);
            checkEtag(order, ifMatch);
            final ObjectNode view = viewRow(page, order).data();
            EntityBody.bind(page.type(), view, body, Set.of());
            final ObjectNode previous = shippingFields.get(order.id());
            final ObjectNode fields = previous == null ? JsonNodeFactory.instance.objectNode() : previous.deepCopy();
            for (final BcField field : page.type().fields()) {
                if (field.writable()) {
                    fields.set(field.name(), view.get(field.name()));
                }
            }
            shippingFields.put(order.id(), fields);
            restoreOnRollback(shippingFields, order.id(), previous);
            // a change of the header: a new version, a new SystemModifiedAt
            final ObjectNode data = order.data().deepCopy();
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            return viewRow(page, tables.get(source).replace(order, data));
        });
    }

    /**
     * Brings an item's inventory to {@code inventory} as a posted physical inventory journal does: one
     * positive or negative adjustment in the item ledger. The item record is not modified (its
     * lastModifiedDateTime and ETag stay), as in BC.
     */
    public JsonNode setInventory(final String itemNumber, final BigDecimal inventory) {
        return store.transaction(() -> {
            final BcRow item = requireItem(itemNumber);
            ledger.adjustTo(item, inventory, "", "PHYS-INV");
            return tables.get(ITEMS).get(item.id()).data().deepCopy();
        });
    }

    /**
     * Posts an item journal line: a positive or negative adjustment of {@code quantity} at a location
     * ({@code ""} for none). The item record is not modified.
     */
    public JsonNode postItemJournal(final String itemNumber, final BigDecimal quantity, final String locationCode) {
        return store.transaction(() -> {
            final BcRow item = requireItem(itemNumber);
            ledger.post(item, quantity.signum() >= 0 ? ItemLedger.POSITIVE_ADJUSTMENT : ItemLedger.NEGATIVE_ADJUSTMENT, quantity,
                    locationCode, "", "ITEM-JNL", "", "", BigDecimal.ZERO);
            return tables.get(ITEMS).get(item.id()).data().deepCopy();
        });
    }

    /**
     * bc-extension's {@code POST itemJournalAdjustments}: a positive (quantity above 0) or negative adjustment of the
     * item posted into the item ledger, unless the item already has an adjustment entry with the line's document
     * number, in which case nothing is posted and the answer says {@code posted: false}.
     */
    BcRow postItemJournalAdjustment(final JsonNode body) {
        return store.transaction(() -> {
            final BcTable table = customTable(BcEdiExtension.ITEM_JOURNAL_ADJUSTMENTS);
            final ObjectNode data = EntityBody.blank(table.type());
            EntityBody.bind(table.type(), data, body, Set.of());
            final String documentNumber = data.path("documentNumber").asText("");
            if (documentNumber.isEmpty()) {
                throw BcApiError.badRequest("documentNumber is required: it is what makes a redelivered report post nothing twice.");
            }
            final BigDecimal quantity = data.path("quantity").decimalValue();
            if (quantity.signum() == 0) {
                throw BcApiError.badRequest("quantity must not be 0.");
            }
            final BcRow item = requireItem(data.path("itemNumber").asText(""));
            final String itemNumber = item.data().path("number").asText();
            final String entryType = quantity.signum() > 0 ? ItemLedger.POSITIVE_ADJUSTMENT : ItemLedger.NEGATIVE_ADJUSTMENT;
            final boolean post = !ledger.hasAdjustment(itemNumber, documentNumber);
            if (post) {
                ledger.post(item, entryType, quantity, data.path("locationCode").asText(""), "", documentNumber, "", "", BigDecimal.ZERO);
            }
            final String id = store.newId();
            data.put("id", id).put("itemNumber", itemNumber).put("entryType", entryType).put("posted", post);
            return table.insert(id, data);
        });
    }

    /**
     * Posts a purchase receipt of {@code quantity} at a location ({@code ""} for none): a Purchase
     * entry in the item ledger under a receipt number ({@code 107001}...). The item record is not modified.
     */
    public String receivePurchase(final String itemNumber, final BigDecimal quantity, final String locationCode, final String vendorNumber) {
        return store.transaction(() -> {
            final BcRow item = requireItem(itemNumber);
            final String receipt = nextNumber("purchaseReceipts", "", 107001, 1, "%s%d");
            ledger.post(item, ItemLedger.PURCHASE, quantity, locationCode, "Purchase Receipt", receipt, "Vendor",
                    vendorNumber == null ? "" : vendorNumber, BigDecimal.ZERO);
            return receipt;
        });
    }

    private BcRow requireItem(final String itemNumber) {
        final BcRow item = findByField(tables.get(ITEMS), "number", itemNumber.toUpperCase(Locale.ROOT));
        if (item == null) {
            throw BcApiError.recordNotFound("Item", "No.='" + itemNumber + "'");
        }
        return item;
    }

    /** Every record of this company removed, number series restarted. */
    public void reset() {
        store.transaction(() -> {
            tables.values().forEach(BcTable::clear);
            customTables.values().forEach(BcTable::clear);
            numberSeries.clear();
            ledger.clear();
            shippingFields.clear();
            customerCards.clear();
            itemPictures.clear();
            shipmentTracking.clear();
            receiptMarks.clear();
            accounting.clear();
            return null;
        });
    }

    // ---------------------------------------------------------------- gauges

    int count(final String entitySet) {
        return store.read(() -> tables.get(entitySet).size());
    }

    /**
     * Orders sharing an externalDocumentNumber, counting each extra one. An order lives either in
     * salesOrders or, once posted, as a shipment and an invoice naming it in orderNumber: both of
     * those are one order, not a duplicate.
     */
    long duplicates() {
        return store.read(() -> {
            final Map<String, Set<String>> ordersByReference = new HashMap<>();
            for (final BcRow row : tables.get(SALES_ORDERS).rows()) {
                addReference(ordersByReference, row.data(), "O:" + row.data().path("number").asText());
            }
            for (final String posted : List.of(SALES_INVOICES, SALES_SHIPMENTS)) {
                for (final BcRow row : tables.get(posted).rows()) {
                    final String orderNumber = row.data().path("orderNumber").asText();
                    addReference(ordersByReference, row.data(),
                            orderNumber.isEmpty() ? posted + ":" + row.data().path("number").asText() : "O:" + orderNumber);
                }
            }
            return ordersByReference.values().stream().mapToLong(set -> set.size() - 1L).sum();
        });
    }

    private static void addReference(final Map<String, Set<String>> index, final JsonNode document, final String orderKey) {
        final String reference = document.path("externalDocumentNumber").asText();
        if (!reference.isEmpty()) {
            index.computeIfAbsent(reference, r -> new HashSet<>()).add(orderKey);
        }
    }

    // ---------------------------------------------------------------- API operations (under the store lock)

    BcTable tableFor(final String entitySet) {
        final BcTable table = tables.get(entitySet);
        if (table == null) {
            throw BcApiError.segmentNotFound(entitySet);
        }
        return table;
    }

    BcTable customTable(final BcCustomPage page) {
        return customTables.computeIfAbsent(page.route() + "/" + page.entitySet(), k -> new BcTable(page.type(), store));
    }

    BcRow require(final String entitySet, final String rowId) {
        final BcTable table = tableFor(entitySet);
        final BcRow row = table.get(rowId.toLowerCase(Locale.ROOT));
        if (row == null) {
            throw BcApiError.recordNotFound(table.type().caption(), "Id='" + rowId + "'");
        }
        return row;
    }

    /** POST: creates an entity; {@code parentId} is the order of a navigation POST on its lines. */
    BcRow create(final String entitySet, final JsonNode body, final String parentId) {
        return store.transaction(() -> switch (entitySet) {
            case CUSTOMERS -> createMaster(CUSTOMERS, body, "C", 10, 10, "%s%05d");
            case ITEMS -> {
                if (body != null && body.has("inventory")) {
                    // The page's InsertItem: inventory moves only through the ledger, after the item exists.
                    throw new BcApiError(400, "Application_DialogException", "Inventory cannot be changed during on insert.");
                }
                yield createMaster(ITEMS, body, "", 1000, 1, "%s%d");
            }
            case SALES_ORDERS -> createOrder(body);
            case SALES_CREDIT_MEMOS -> createCreditMemo(body);
            case VENDORS -> createMaster(VENDORS, body, "V", 10, 10, "%s%05d");
            case JOURNALS -> createJournal(body);
            case PURCHASE_INVOICES -> accounting.createPurchaseInvoice(body);
            case PURCHASE_CREDIT_MEMOS -> accounting.createPurchaseCreditMemo(body);
            case PURCHASE_INVOICE_LINES -> {
                final BcRow invoice = require(PURCHASE_INVOICES, parentId != null ? parentId : body.path("documentId").asText(""));
                final BcRow line = accounting.createPurchaseLine(invoice, body, nextSequence(PURCHASE_INVOICE_LINES, invoice.id()));
                accounting.recomputePurchaseTotals(invoice.id());
                yield line;
            }
            case DIMENSION_SET_LINES -> accounting.createDimensionSetLine(parentId, body);
            case JOURNAL_LINES -> accounting.createJournalLine(require(JOURNALS, parentId != null ? parentId : body.path("journalId").asText("")), body);
            case SALES_ORDER_LINES -> {
                final String orderId = parentId != null ? parentId : body.path("documentId").asText("");
                final BcRow order = require(SALES_ORDERS, orderId);
                final BcRow line = createLine(order, body, nextLineSequence(order.id()));
                recomputeTotals(order.id());
                yield line;
            }
            default -> throw refused("POST", entitySet);
        });
    }

    /** PATCH: applies the body when the ETag matches ({@code *} matches any version). */
    BcRow update(final String entitySet, final String rowId, final JsonNode body, final String ifMatch) {
        return store.transaction(() -> {
            if (!isWritable(entitySet)) {
                throw refused("PATCH", entitySet);
            }
            final BcRow current = require(entitySet, rowId);
            checkEtag(current, ifMatch);
            final BcTable table = tableFor(entitySet);
            final ObjectNode data = current.data().deepCopy();
            switch (entitySet) {
                case SALES_ORDERS -> {
                    if (body.has(SALES_ORDER_LINES)) {
                        throw BcApiError.badRequest("Deep update is not supported: update salesOrderLines on their own.");
                    }
                    final String oldCustomerId = data.path("customerId").asText();
                    final String oldCustomerNumber = data.path("customerNumber").asText();
                    EntityBody.bind(table.type(), data, body, Set.of());
                    if (!data.path("customerId").asText().equals(oldCustomerId) || !data.path("customerNumber").asText().equals(oldCustomerNumber)) {
                        applyCustomer(data, body.has("customerId") ? data.path("customerId").asText() : null,
                                body.has("customerNumber") ? data.path("customerNumber").asText() : null, true);
                    }
                    checkUniqueNumber(table, data, current.id(), "Sales Header", "Document Type='Order',");
                }
                case SALES_ORDER_LINES -> {
                    EntityBody.bind(table.type(), data, body, Set.of());
                    final BcRow order = require(SALES_ORDERS, data.path("documentId").asText());
                    if (body.has("itemId") || body.has("lineObjectNumber")) {
                        applyItem(data, body.has("itemId") ? data.path("itemId").asText() : null,
                                body.has("lineObjectNumber") ? data.path("lineObjectNumber").asText() : null, !body.has("unitPrice"));
                    }
                    final boolean quantityChanged = data.path("quantity").decimalValue().compareTo(current.data().path("quantity").decimalValue()) != 0;
                    final BigDecimal toShip = data.path("shipQuantity").decimalValue();
                    computeLineAmounts(data, order.data());
                    // Quantity's validation resets Qty. to Ship to what is outstanding; otherwise Qty. to Ship keeps its value
                    if (body.has("shipQuantity") || !quantityChanged) {
                        data.put("shipQuantity", checkedQuantityToPost(toShip, data, "shippedQuantity", "ship"));
                    }
                }
                case PURCHASE_ORDER_LINES -> {
                    EntityBody.bind(table.type(), data, body, Set.of());
                    final boolean quantityChanged = data.path("quantity").decimalValue().compareTo(current.data().path("quantity").decimalValue()) != 0;
                    final BigDecimal toReceive = data.path("receiveQuantity").decimalValue();
                    BcDocumentPosting.computePurchaseLine(data);
                    if (body.has("receiveQuantity") || !quantityChanged) {
                        data.put("receiveQuantity", checkedQuantityToPost(toReceive, data, "receivedQuantity", "receive"));
                    }
                }
                default -> {
                    EntityBody.bind(table.type(), data, body, Set.of());
                    checkUniqueNumber(table, data, current.id(), table.type().caption(), "");
                }
            }
            // Items: a new inventory is posted as an adjustment (the page's UpdateInventory), never stored directly.
            final BigDecimal inventoryTarget = entitySet.equals(ITEMS) && body.has("inventory") ? data.path("inventory").decimalValue() : null;
            if (entitySet.equals(ITEMS)) {
                data.set("inventory", current.data().get("inventory"));
            }
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            final BcRow updated = table.replace(current, data);
            if (inventoryTarget != null) {
                ledger.adjustTo(updated, inventoryTarget, "", data.path("number").asText());
                return table.get(updated.id());
            }
            if (entitySet.equals(SALES_ORDERS)) {
                recomputeTotals(updated.id());
                return tableFor(SALES_ORDERS).get(updated.id());
            }
            if (entitySet.equals(SALES_ORDER_LINES)) {
                recomputeTotals(data.path("documentId").asText());
            }
            if (entitySet.equals(PURCHASE_ORDER_LINES)) {
                recomputeTotals(PURCHASE_ORDERS, data.path("documentId").asText());
            }
            return updated;
        });
    }

    /** DELETE: removes the entity (an order or a credit memo with its lines). */
    void delete(final String entitySet, final String rowId, final String ifMatch) {
        store.transaction(() -> {
            if (!isWritable(entitySet) || entitySet.equals(PURCHASE_ORDER_LINES)) {
                throw refused("DELETE", entitySet);
            }
            final BcRow current = require(entitySet, rowId);
            checkEtag(current, ifMatch);
            tableFor(entitySet).delete(current);
            final String lineSet = linesSetOf(entitySet);
            if (lineSet != null) {
                final BcTable lines = tables.get(lineSet);
                for (final BcRow line : linesOf(lineSet, current.id())) {
                    lines.delete(line);
                }
            } else if (entitySet.equals(SALES_ORDER_LINES)) {
                recomputeTotals(current.data().path("documentId").asText());
            }
            return null;
        });
    }

    /** 405 when the page forbids the method, 501 when the page allows it but the simulator does not do it. */
    private BcApiError refused(final String method, final String entitySet) {
        final AlPage page = tableFor(entitySet).type().page();
        final boolean allowed = page != null && switch (method) {
            case "POST" -> page.insertAllowed();
            case "PATCH" -> page.modifyAllowed();
            default -> page.deleteAllowed();
        };
        if (allowed) {
            return new BcApiError(501, "NotImplemented", "The simulator does not implement '" + method + "' on '" + entitySet
                    + "', which Business Central allows.");
        }
        return BcApiError.methodNotAllowed(method, entitySet, method.equals("POST") ? "Collection" : "Entity");
    }

    static boolean isWritable(final String entitySet) {
        return switch (entitySet) {
            case CUSTOMERS, ITEMS, SALES_ORDERS, SALES_ORDER_LINES, PURCHASE_ORDER_LINES, SALES_CREDIT_MEMOS, VENDORS, JOURNALS -> true;
            default -> false;
        };
    }

    /** The entity set a navigation of this set leads to (its lines, or its dimension set lines), or null. */
    static String navigationSetOf(final String entitySet, final String navigation) {
        if (navigation.equals(linesSetOf(entitySet))) {
            return navigation;
        }
        return navigation.equals(DIMENSION_SET_LINES) && (entitySet.equals(SALES_ORDERS) || entitySet.equals(PURCHASE_INVOICES))
                ? DIMENSION_SET_LINES : null;
    }

    /** The navigation set holding the lines of documents of this set, or null. */
    static String linesSetOf(final String entitySet) {
        return switch (entitySet) {
            case SALES_ORDERS -> SALES_ORDER_LINES;
            case SALES_INVOICES -> SALES_INVOICE_LINES;
            case SALES_SHIPMENTS -> SALES_SHIPMENT_LINES;
            case PURCHASE_ORDERS -> PURCHASE_ORDER_LINES;
            case PURCHASE_RECEIPTS -> PURCHASE_RECEIPT_LINES;
            case SALES_CREDIT_MEMOS -> SALES_CREDIT_MEMO_LINES;
            case PURCHASE_INVOICES -> PURCHASE_INVOICE_LINES;
            case PURCHASE_CREDIT_MEMOS -> PURCHASE_CREDIT_MEMO_LINES;
            case JOURNALS -> JOURNAL_LINES;
            default -> null;
        };
    }

    List<BcRow> linesOf(final String lineSet, final String documentId) {
        final List<BcRow> lines = tables.get(lineSet).byDocument(documentId);
        lines.sort((a, b) -> Integer.compare(a.data().path("sequence").asInt(), b.data().path("sequence").asInt()));
        return lines;
    }

    ObjectNode withLines(final String entitySet, final BcRow row) {
        final ObjectNode copy = row.data().deepCopy();
        final String lineSet = linesSetOf(entitySet);
        if (lineSet != null) {
            final ArrayNode lines = copy.putArray(lineSet);
            linesOf(lineSet, row.id()).forEach(line -> lines.add(line.data().deepCopy()));
        }
        return copy;
    }

    static void checkEtag(final BcRow current, final String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            // What BC answers to a PATCH or DELETE without If-Match (microsoft/AL#1740, MicrosoftDocs/dynamics365smb-devitpro-pb#813).
            throw new BcApiError(400, "BadRequest_InvalidToken",
                    "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
        }
        if (!ifMatch.trim().equals("*") && !ifMatch.trim().equals(current.etag())) {
            throw new BcApiError(409, "Request_EntityChanged", "Another user has already changed the record.");
        }
    }

    // ---------------------------------------------------------------- business rules

    private BcRow createMaster(final String entitySet, final JsonNode body, final String prefix, final long first, final long step,
                               final String format) {
        final BcTable table = tables.get(entitySet);
        final ObjectNode data = EntityBody.blank(table.type());
        if (entitySet.equals(CUSTOMERS)) {
            data.put("type", "Company").put("blocked", " ");
        } else if (entitySet.equals(VENDORS)) {
            data.put("blocked", " ");
        } else {
            data.put("type", "Inventory").put("baseUnitOfMeasureCode", "PCS");
        }
        EntityBody.bind(table.type(), data, body, Set.of());
        if (data.path("number").asText().isEmpty()) {
            data.put("number", nextNumber(entitySet, prefix, first, step, format));
        } else if (entitySet.equals(CUSTOMERS) && !manualCustomerNumbers) {
            // the Customer's "No." validation (No. Series TestManual)
            throw new BcApiError(400, "Application_DialogException", "You may not enter numbers manually. If you want to enter numbers "
                    + "manually, please activate Manual Nos. in No. Series CUST.");
        }
        checkUniqueNumber(table, data, null, table.type().caption(), "");
        final String rowId = store.newId();
        data.put("id", rowId);
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        return table.insert(rowId, data);
    }

    private BcRow createOrder(final JsonNode body) {
        final BcTable orders = tables.get(SALES_ORDERS);
        final ObjectNode data = EntityBody.blank(orders.type());
        EntityBody.bind(orders.type(), data, body, ORDER_NAVIGATION);
        final JsonNode linesBody = body.get(SALES_ORDER_LINES);
        if (linesBody != null && !linesBody.isArray()) {
            throw BcApiError.badRequest("The property 'salesOrderLines' must be a collection of salesOrderLine.");
        }
        applyCustomer(data, body.has("customerId") ? data.path("customerId").asText() : null,
                body.has("customerNumber") ? data.path("customerNumber").asText() : null, false);
        if (data.path("number").asText().isEmpty()) {
            data.put("number", nextNumber(SALES_ORDERS, "S-ORD", 101001, 1, "%s%d"));
        }
        checkUniqueNumber(orders, data, null, "Sales Header", "Document Type='Order',");
        final String today = LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString();
        if (data.path("orderDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("orderDate", today);
        }
        if (data.path("postingDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("postingDate", data.path("orderDate").asText());
        }
        data.put("status", "Draft");
        if (!body.has("partialShipping")) {
            data.put("partialShipping", true);
        }
        data.put("discountAppliedBeforeTax", true);
        final String orderId = store.newId();
        data.put("id", orderId);
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        final BcRow order = orders.insert(orderId, data);
        if (linesBody != null) {
            int sequence = 10000;
            for (final JsonNode lineBody : linesBody) {
                createLine(order, lineBody, sequence);
                sequence += 10000;
            }
        }
        chargeFreight(order);
        recomputeTotals(orderId);
        return orders.get(orderId);
    }

    private BcRow createLine(final BcRow order, final JsonNode body, final int defaultSequence) {
        return createLine(SALES_ORDER_LINES, order, body, defaultSequence);
    }

    /**
     * POST salesCreditMemos, lines deep-inserted: a draft credit memo. {@code invoiceId} must name a posted invoice
     * (the page's OnValidate) and fills invoiceNumber ("Applies-to Doc. No.").
     */
    private BcRow createCreditMemo(final JsonNode body) {
        final BcTable memos = tables.get(SALES_CREDIT_MEMOS);
        final ObjectNode data = EntityBody.blank(memos.type());
        EntityBody.bind(memos.type(), data, body, CREDIT_MEMO_NAVIGATION);
        final JsonNode linesBody = body.get(SALES_CREDIT_MEMO_LINES);
        if (linesBody != null && !linesBody.isArray()) {
            throw BcApiError.badRequest("The property 'salesCreditMemoLines' must be a collection of salesCreditMemoLine.");
        }
        applyCustomer(data, body.has("customerId") ? data.path("customerId").asText() : null,
                body.has("customerNumber") ? data.path("customerNumber").asText() : null, false);
        final String invoiceId = data.path("invoiceId").asText();
        if (body.has("invoiceId") && !invoiceId.equals(EntityBody.BLANK_GUID)) {
            final BcRow invoice = tables.get(SALES_INVOICES).get(invoiceId.toLowerCase(Locale.ROOT));
            if (invoice == null) {
                throw new BcApiError(400, "Application_DialogException", "The \"invoiceId\" does not match to an Invoice.");
            }
            data.put("invoiceNumber", invoice.data().path("number").asText());
        }
        if (data.path("number").asText().isEmpty()) {
            data.put("number", nextNumber(SALES_CREDIT_MEMOS, "S-CR", 104001, 1, "%s%d"));
        }
        checkUniqueNumber(memos, data, null, "Sales Header", "Document Type='Credit Memo',");
        final String today = LocalDate.ofInstant(store.now(), ZoneOffset.UTC).toString();
        if (data.path("creditMemoDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("creditMemoDate", today);
        }
        if (data.path("postingDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("postingDate", data.path("creditMemoDate").asText());
        }
        data.put("status", "Draft");
        data.put("discountAppliedBeforeTax", true);
        final String memoId = store.newId();
        data.put("id", memoId);
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        final BcRow memo = memos.insert(memoId, data);
        if (linesBody != null) {
            int sequence = 10000;
            for (final JsonNode lineBody : linesBody) {
                createLine(SALES_CREDIT_MEMO_LINES, memo, lineBody, sequence);
                sequence += 10000;
            }
        }
        recomputeTotals(SALES_CREDIT_MEMOS, memoId);
        return memos.get(memoId);
    }

    /** A line of a sales document: an order's, or a credit memo's (same rules on the Sales Line table). */
    private BcRow createLine(final String lineSet, final BcRow order, final JsonNode body, final int defaultSequence) {
        final BcTable lines = tables.get(lineSet);
        final ObjectNode data = EntityBody.blank(lines.type());
        EntityBody.bind(lines.type(), data, body, Set.of());
        final String itemId = body.has("itemId") ? data.path("itemId").asText() : null;
        final String itemNumber = body.has("lineObjectNumber") ? data.path("lineObjectNumber").asText() : null;
        if (!body.has("lineType")) {
            data.put("lineType", itemId != null || itemNumber != null ? "Item" : "Comment");
        } else if (!LINE_TYPES.contains(data.path("lineType").asText())) {
            throw BcApiError.badRequest("Cannot convert the literal '" + data.path("lineType").asText()
                    + "' to the expected type 'Microsoft.NAV.salesLineType'.");
        }
        if (data.path("lineType").asText().equals("Item")) {
            if (itemId == null && itemNumber == null) {
                throw new BcApiError(400, "Application_FieldValidationException",
                        "You must specify either itemId or lineObjectNumber for a line of type Item.");
            }
            applyItem(data, itemId, itemNumber, !body.has("unitPrice"));
            data.put("taxPercent", taxPercent);
        }
        if (!body.has("sequence")) {
            data.put("sequence", defaultSequence);
        }
        if (data.path("shipmentDate").asText().equals(EntityBody.BLANK_DATE)) {
            data.put("shipmentDate", order.data().path(order.data().has("creditMemoDate") ? "creditMemoDate" : "orderDate").asText());
        }
        data.put("documentId", order.id());
        computeLineAmounts(data, order.data());
        final String lineId = store.newId();
        data.put("id", lineId);
        return lines.insert(lineId, data);
    }

    /** Adds the freight line of the customer's terms, unless the order already carries one. */
    private void chargeFreight(final BcRow order) {
        final FreightTerms terms = freightTerms.get(order.data().path("customerNumber").asText());
        if (terms == null) {
            return;
        }
        BigDecimal units = BigDecimal.ZERO;
        BigDecimal amount = BigDecimal.ZERO;
        for (final BcRow line : linesOf(SALES_ORDER_LINES, order.id())) {
            final JsonNode l = line.data();
            if (l.path("lineType").asText().equals("Charge") && l.path("lineObjectNumber").asText().equals(terms.chargeNumber())) {
                return;
            }
            if (l.path("lineType").asText().equals("Item")) {
                units = units.add(l.path("quantity").decimalValue());
                amount = amount.add(l.path("amountExcludingTax").decimalValue());
            }
        }
        final ObjectNode body = MAPPER.createObjectNode();
        body.put("lineType", "Charge");
        body.put("lineObjectNumber", terms.chargeNumber());
        body.put("description", terms.description());
        body.put("quantity", BigDecimal.ONE);
        body.put("unitPrice", terms.unitPrice(units, amount));
        final BcRow line = createLine(order, body, nextLineSequence(order.id()));
        final ObjectNode taxed = line.data().deepCopy();
        taxed.put("taxPercent", taxPercent);
        computeLineAmounts(taxed, order.data());
        tables.get(SALES_ORDER_LINES).replace(line, taxed);
    }

    private static final Set<String> LINE_TYPES = Set.of("Comment", "Account", "Item", "Resource", "Fixed Asset", "Charge", "Allocation Account");

    private void applyCustomer(final ObjectNode order, final String customerId, final String customerNumber, final boolean changing) {
        final BcRow customer;
        if (customerId != null && !customerId.equals(EntityBody.BLANK_GUID)) {
            customer = tables.get(CUSTOMERS).get(customerId);
            if (customer == null) {
                throw BcApiError.relatedNotFound("Customer", "Id='" + customerId + "'");
            }
        } else if (customerNumber != null && !customerNumber.isEmpty()) {
            customer = findByField(tables.get(CUSTOMERS), "number", customerNumber);
            if (customer == null) {
                throw BcApiError.relatedNotFound("Customer", "No.='" + customerNumber + "'");
            }
        } else {
            throw new BcApiError(400, "Application_FieldValidationException",
                    "You must specify a customer id or a customer number to create a sales order.");
        }
        final JsonNode c = customer.data();
        if (c.path("blocked").asText().equals("All")) {
            throw new BcApiError(400, "Application_DialogException", "You cannot create this type of document when Customer "
                    + c.path("number").asText() + " is blocked with type All");
        }
        order.put("customerId", customer.id()).put("customerNumber", c.path("number").asText());
        order.put("billToCustomerId", customer.id()).put("billToCustomerNumber", c.path("number").asText());
        fillIfBlank(order, "customerName", c.path("displayName").asText(), changing);
        fillIfBlank(order, "billToName", c.path("displayName").asText(), changing);
        fillIfBlank(order, "email", c.path("email").asText(), changing);
        fillIfBlank(order, "phoneNumber", c.path("phoneNumber").asText(), changing);
        for (final String party : List.of("sellTo", "billTo")) {
            fillIfBlank(order, party + "AddressLine1", c.path("addressLine1").asText(), changing);
            fillIfBlank(order, party + "AddressLine2", c.path("addressLine2").asText(), changing);
            fillIfBlank(order, party + "City", c.path("city").asText(), changing);
            fillIfBlank(order, party + "State", c.path("state").asText(), changing);
            fillIfBlank(order, party + "Country", c.path("country").asText(), changing);
            fillIfBlank(order, party + "PostCode", c.path("postalCode").asText(), changing);
        }
        final boolean noShipTo = order.path("shipToName").asText().isEmpty() && order.path("shipToAddressLine1").asText().isEmpty();
        if (noShipTo) {
            order.put("shipToName", c.path("displayName").asText());
            order.put("shipToAddressLine1", c.path("addressLine1").asText());
            order.put("shipToAddressLine2", c.path("addressLine2").asText());
            order.put("shipToCity", c.path("city").asText());
            order.put("shipToState", c.path("state").asText());
            order.put("shipToCountry", c.path("country").asText());
            order.put("shipToPostCode", c.path("postalCode").asText());
        }
    }

    private static void fillIfBlank(final ObjectNode node, final String field, final String value, final boolean overwrite) {
        if (overwrite || node.path(field).asText().isEmpty()) {
            node.put(field, value);
        }
    }

    private void applyItem(final ObjectNode line, final String itemId, final String itemNumber, final boolean takePrice) {
        final BcRow item;
        if (itemId != null && !itemId.equals(EntityBody.BLANK_GUID)) {
            item = tables.get(ITEMS).get(itemId);
            if (item == null) {
                throw BcApiError.relatedNotFound("Item", "Id='" + itemId + "'");
            }
        } else {
            item = findByField(tables.get(ITEMS), "number", itemNumber == null ? "" : itemNumber);
            if (item == null) {
                throw BcApiError.relatedNotFound("Item", "No.='" + itemNumber + "'");
            }
        }
        final JsonNode i = item.data();
        if (i.path("blocked").asBoolean()) {
            throw new BcApiError(400, "Application_DialogException", "Blocked must be equal to 'No'  in Item: No.="
                    + i.path("number").asText() + ". Current value is 'Yes'.");
        }
        line.put("itemId", item.id()).put("lineObjectNumber", i.path("number").asText());
        if (line.path("description").asText().isEmpty()) {
            line.put("description", i.path("displayName").asText());
        }
        if (line.path("unitOfMeasureCode").asText().isEmpty()) {
            line.put("unitOfMeasureCode", i.path("baseUnitOfMeasureCode").asText());
        }
        if (takePrice) {
            line.put("unitPrice", i.path("unitPrice").decimalValue());
        }
    }

    static void computeLineAmounts(final ObjectNode line, final JsonNode order) {
        final BigDecimal quantity = line.path("quantity").decimalValue();
        final BigDecimal gross = quantity.multiply(line.path("unitPrice").decimalValue());
        BigDecimal discount = line.path("discountAmount").decimalValue();
        final BigDecimal percent = line.path("discountPercent").decimalValue();
        if (percent.signum() != 0) {
            discount = gross.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        } else if (gross.signum() != 0) {
            line.put("discountPercent", discount.multiply(HUNDRED).divide(gross, 5, RoundingMode.HALF_UP).stripTrailingZeros());
        }
        final BigDecimal excluding = money(gross.subtract(discount));
        final BigDecimal tax = money(excluding.multiply(line.path("taxPercent").decimalValue()).divide(HUNDRED));
        line.put("discountAmount", money(discount));
        line.put("amountExcludingTax", excluding);
        line.put("totalTaxAmount", tax);
        line.put("amountIncludingTax", excluding.add(tax));
        line.put("netAmount", excluding);
        line.put("netTaxAmount", tax);
        line.put("netAmountIncludingTax", excluding.add(tax));
        line.put("discountAppliedBeforeTax", true);
        if (!line.path("lineType").asText().equals("Comment")) {
            line.put("shipQuantity", quantity.subtract(line.path("shippedQuantity").decimalValue()));
            line.put("invoiceQuantity", quantity.subtract(line.path("invoicedQuantity").decimalValue()));
        }
    }

    private void recomputeTotals(final String orderId) {
        recomputeTotals(SALES_ORDERS, orderId);
    }

    /** A sales document's or purchase order's totals from its lines, the invoice discount applied before tax. */
    private void recomputeTotals(final String documentSet, final String orderId) {
        final BcTable orders = tables.get(documentSet);
        final BcRow order = orders.get(orderId);
        BigDecimal excluding = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (final BcRow line : linesOf(linesSetOf(documentSet), orderId)) {
            excluding = excluding.add(line.data().path("amountExcludingTax").decimalValue());
            tax = tax.add(line.data().path("totalTaxAmount").decimalValue());
        }
        final BigDecimal invoiceDiscount = order.data().path("discountAmount").decimalValue();
        if (invoiceDiscount.signum() != 0 && excluding.signum() != 0) {
            // The invoice discount is applied before tax: tax shrinks in proportion.
            final BigDecimal discounted = excluding.subtract(invoiceDiscount);
            tax = money(tax.multiply(discounted).divide(excluding, 10, RoundingMode.HALF_UP));
            excluding = discounted;
        }
        final ObjectNode data = order.data().deepCopy();
        data.put("totalAmountExcludingTax", money(excluding));
        data.put("totalTaxAmount", money(tax));
        data.put("totalAmountIncludingTax", money(excluding.add(tax)));
        if (!data.equals(order.data())) {
            data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
            orders.replace(order, data);
        }
    }

    static ObjectNode copyCommon(final JsonNode from, final ObjectNode to) {
        to.fieldNames().forEachRemaining(field -> {
            if (from.has(field) && !field.equals("id") && !field.equals("number") && !field.equals("status") && !field.equals("documentId")
                    && !field.equals("lastModifiedDateTime")) {
                to.set(field, from.get(field));
            }
        });
        return to;
    }

    private void checkUniqueNumber(final BcTable table, final ObjectNode data, final String selfId, final String tableCaption,
                                   final String keyPrefix) {
        final String number = data.path("number").asText();
        final BcRow other = findByField(table, "number", number);
        if (other != null && !other.id().equals(selfId)) {
            throw new BcApiError(400, "Internal_EntityWithSameKeyExists", "The record in table " + tableCaption
                    + " already exists. Identification fields and values: " + keyPrefix + "No.='" + number + "'");
        }
    }

    private static BcRow findByField(final BcTable table, final String field, final String value) {
        return table.byField(field, value);
    }

    /** The next sequence of a document's lines: 10000 more than the last. */
    int nextSequence(final String lineSet, final String documentId) {
        return linesOf(lineSet, documentId).stream().mapToInt(l -> l.data().path("sequence").asInt()).max().orElse(0) + 10000;
    }

    private BcRow createJournal(final JsonNode body) {
        final BcTable journals = tables.get(JOURNALS);
        final ObjectNode data = EntityBody.blank(journals.type());
        EntityBody.bind(journals.type(), data, body, Set.of(JOURNAL_LINES));
        if (data.path("code").asText().isEmpty()) {
            throw new BcApiError(400, "Application_FieldValidationException", "Name must have a value in Gen. Journal Batch: Journal Template Name=GENERAL, Name=. It cannot be zero or empty.");
        }
        if (journals.byField("code", data.path("code").asText()) != null) {
            throw new BcApiError(400, "Internal_EntityWithSameKeyExists", "The record already exists.");
        }
        data.put("templateDisplayName", "GENERAL");
        final String rowId = store.newId();
        data.put("id", rowId);
        data.put("lastModifiedDateTime", EntityBody.timestamp(store.now()));
        return journals.insert(rowId, data);
    }

    private int nextLineSequence(final String orderId) {
        int max = 0;
        for (final BcRow line : linesOf(SALES_ORDER_LINES, orderId)) {
            max = Math.max(max, line.data().path("sequence").asInt());
        }
        return max + 10000;
    }

    /** The next number of a series; journaled so that a rolled-back insert gives its number back. */
    String nextNumberOf(final String series, final String prefix, final long first) {
        return nextNumber(series, prefix, first, 1, "%s%d");
    }

    BigDecimal taxPercentValue() {
        return taxPercent;
    }

    String nextNumber(final String series, final String prefix, final long first, final long step, final String format) {
        final Long previous = numberSeries.get(series);
        final long next = previous == null ? first : previous + step;
        numberSeries.put(series, next);
        store.journal(() -> {
            if (previous == null) {
                numberSeries.remove(series);
            } else {
                numberSeries.put(series, previous);
            }
        });
        return String.format(Locale.ROOT, format, prefix, next);
    }

    /**
     * Qty. to Ship (Receive) as BC validates it: of the quantity's sign and at most what is outstanding, else
     * "You cannot ship (receive) more than n units.".
     */
    private static BigDecimal checkedQuantityToPost(final BigDecimal value, final JsonNode line, final String postedField, final String verb) {
        final BigDecimal quantity = line.path("quantity").decimalValue();
        final BigDecimal outstanding = quantity.subtract(line.path(postedField).decimalValue());
        final boolean wrongSign = value.signum() != 0 && quantity.signum() != 0 && value.signum() != quantity.signum();
        if (wrongSign || value.abs().compareTo(outstanding.abs()) > 0) {
            throw new BcApiError(400, "Application_DialogException", "You cannot " + verb + " more than "
                    + outstanding.stripTrailingZeros().toPlainString() + " units.");
        }
        return value;
    }

    private static BigDecimal money(final BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    ObjectNode companyEntity() {
        final ObjectNode node = EntityBody.blank(BcEntityType.COMPANY);
        node.put("id", id).put("systemVersion", "26.0.30643.32481").put("timestamp", 1).put("name", name)
                .put("displayName", name).put("systemCreatedAt", createdAt.toString()).put("systemModifiedAt", createdAt.toString());
        return node;
    }
}
