package io.nifiecommerce.sandbox.bc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft's API v2.0 page definitions the simulator serves, parsed once from the copies shipped in
 * this module's resources ({@code pages/PROVENANCE.md}: ALAppExtensions commit 1842876, MIT).
 */
public final class BcPages {

    /** The page files, one per entity set the simulator serves. */
    public static final List<String> FILES = List.of("APIV2Customers.Page.al", "APIV2Items.Page.al", "APIV2SalesOrders.Page.al",
            "APIV2SalesOrderLines.Page.al", "APIV2SalesInvoices.Page.al", "APIV2SalesInvoiceLines.Page.al",
            "APIV2SalesShipments.Page.al", "APIV2SalesShipmentLines.Page.al", "APIV2SalesCreditMemos.Page.al", "APIV2SalesCreditMemLines.Page.al",
            "APIV2ItemLedgerEntries.Page.al", "APIV2Locations.Page.al", "APIV2PurchaseOrders.Page.al", "APIV2PurchaseOrderLines.Page.al",
            "APIV2PurchaseReceipts.Page.al", "APIV2PurchReceiptLines.Page.al", "APIV2ItemVariants.Page.al",
            "APIV2Vendors.Page.al", "APIV2PurchaseInvoices.Page.al", "APIV2PurchaseInvoiceLines.Page.al",
            "APIV2Journals.Page.al", "APIV2JournalLines.Page.al", "APIV2DimensionSetLines.Page.al",
            "APIV2PurchaseCreditMemos.Page.al", "APIV2PurchCrMemoLines.Page.al", "APIV2GLEntries.Page.al");

    private static final Map<String, AlPage> BY_ENTITY_SET = load();

    private BcPages() {
    }

    /** The page of an entity set ({@code salesOrders}). */
    public static AlPage of(final String entitySet) {
        final AlPage page = BY_ENTITY_SET.get(entitySet);
        if (page == null) {
            throw new IllegalArgumentException("no API v2.0 page for entity set " + entitySet);
        }
        return page;
    }

    public static Map<String, AlPage> all() {
        return BY_ENTITY_SET;
    }

    /** The text of a shipped page file. */
    public static String source(final String file) {
        return resource("pages/" + file);
    }

    /** A text resource of this package. */
    static String resource(final String path) {
        try (InputStream in = BcPages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, AlPage> load() {
        final Map<String, AlPage> pages = new LinkedHashMap<>();
        for (final String file : FILES) {
            final AlPage page = AlPageParser.parse(source(file));
            pages.put(page.entitySetName(), page);
        }
        return Map.copyOf(pages);
    }
}
