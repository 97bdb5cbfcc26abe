package io.nifiecommerce.sandbox.bc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the simulator's entity model to Microsoft's page definitions in {@code reference/bc-api-v2.0-pages}:
 * a change of those files (a new field, a control made read-only) fails here until the copies in the
 * sandbox's resources and the model follow.
 */
class BcPagesTest {

    private static final Path REFERENCE = Path.of(System.getProperty("nifiecommerce.reference.dir", "../reference"), "bc-api-v2.0-pages");

    private static final Map<String, BcEntityType> MODEL = Map.ofEntries(
            Map.entry("customers", BcEntityType.CUSTOMER), Map.entry("items", BcEntityType.ITEM),
            Map.entry("salesOrders", BcEntityType.SALES_ORDER), Map.entry("salesOrderLines", BcEntityType.SALES_ORDER_LINE),
            Map.entry("salesInvoices", BcEntityType.SALES_INVOICE), Map.entry("salesInvoiceLines", BcEntityType.SALES_INVOICE_LINE),
            Map.entry("salesShipments", BcEntityType.SALES_SHIPMENT), Map.entry("salesShipmentLines", BcEntityType.SALES_SHIPMENT_LINE),
            Map.entry("salesCreditMemos", BcEntityType.SALES_CREDIT_MEMO),
            Map.entry("salesCreditMemoLines", BcEntityType.SALES_CREDIT_MEMO_LINE),
            Map.entry("itemLedgerEntries", BcEntityType.ITEM_LEDGER_ENTRY), Map.entry("locations", BcEntityType.LOCATION),
            Map.entry("purchaseOrders", BcEntityType.PURCHASE_ORDER), Map.entry("purchaseOrderLines", BcEntityType.PURCHASE_ORDER_LINE),
            Map.entry("purchaseReceipts", BcEntityType.PURCHASE_RECEIPT),
            Map.entry("purchaseReceiptLines", BcEntityType.PURCHASE_RECEIPT_LINE),
            Map.entry("itemVariants", BcEntityType.ITEM_VARIANT),
            Map.entry("vendors", BcEntityType.VENDOR), Map.entry("purchaseInvoices", BcEntityType.PURCHASE_INVOICE),
            Map.entry("purchaseInvoiceLines", BcEntityType.PURCHASE_INVOICE_LINE), Map.entry("journals", BcEntityType.JOURNAL),
            Map.entry("journalLines", BcEntityType.JOURNAL_LINE), Map.entry("dimensionSetLines", BcEntityType.DIMENSION_SET_LINE),
            Map.entry("purchaseCreditMemos", BcEntityType.PURCHASE_CREDIT_MEMO),
            Map.entry("purchaseCreditMemoLines", BcEntityType.PURCHASE_CREDIT_MEMO_LINE),
            Map.entry("generalLedgerEntries", BcEntityType.GL_ENTRY));


    @Test
    void shippedPagesAreMicrosoftsFilesUnchanged() throws IOException {
        for (final String file : BcPages.FILES) {
            assertEquals(Files.readString(REFERENCE.resolve(file)), BcPages.source(file), file + " differs from the reference copy");
        }
        assertEquals(Files.readString(REFERENCE.resolve("LICENSE")), BcPages.source("LICENSE"));
        assertTrue(BcPages.source("PROVENANCE.md").contains("1842876"));
    }

    @Test
    void everyEntitySetHasExactlyThePageFieldsAndTheirEditability() throws IOException {
        assertEquals(MODEL.keySet(), BcPages.all().keySet());
        for (final String file : BcPages.FILES) {
            final AlPage page = AlPageParser.parse(Files.readString(REFERENCE.resolve(file)));
            final BcEntityType type = MODEL.get(page.entitySetName());
            assertEquals(page.entityName(), type.name());
            assertEquals(page.fields().stream().map(AlPage.Field::name).toList(), type.fields().stream().map(BcField::name).toList(),
                    page.entitySetName());
            for (final AlPage.Field field : page.fields()) {
                final boolean pageWritable = (page.insertAllowed() || page.modifyAllowed()) && field.editable()
                        && !field.source().startsWith("Rec.System");
                assertEquals(pageWritable, type.field(field.name()).writable(), page.entitySetName() + "." + field.name());
            }
        }
    }

    @Test
    void everyApiObjectOfTheReferenceParses() throws IOException {
        int parsed = 0;
        try (var files = Files.list(REFERENCE)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".al")).sorted().toList()) {
                final String source = Files.readString(file);
                if (!source.contains("PageType = API;") && !source.contains("QueryType = API;")) {
                    assertThrows(IllegalArgumentException.class, () -> AlPageParser.parse(source), "not an API object: " + file.getFileName());
                    continue;
                }
                final AlPage page = AlPageParser.parse(source);
                assertTrue(page.entitySetName() != null && !page.fields().isEmpty(), file.getFileName().toString());
                parsed++;
            }
        }
        assertTrue(parsed >= 100, "pages and queries parsed: " + parsed);
    }

    @Test
    void pagesSayWhatMicrosoftWrote() {
        final AlPage orders = BcPages.of("salesOrders");
        assertEquals(30028, orders.objectId());
        assertEquals("APIV2 - Sales Orders", orders.objectName());
        assertEquals("salesOrder", orders.entityName());
        assertEquals(List.of("ShipAndInvoice"), orders.boundActions());
        assertEquals("salesOrderLines", orders.part("salesOrderLines").orElseThrow().entitySetName());
        assertTrue(orders.writable("externalDocumentNumber"));
        assertTrue(orders.writable("shipToCity"));
        for (final String readOnly : List.of("id", "number", "status", "customerName", "billToName", "billToAddressLine1", "billToCity",
                "billToPostCode", "totalAmountIncludingTax", "lastModifiedDateTime")) {
            assertFalse(orders.writable(readOnly), readOnly);
        }
        assertTrue(BcPages.of("items").writable("inventory"), "PATCH items.inventory posts an adjustment (UpdateInventory)");
        assertFalse(BcPages.of("items").writable("lastModifiedDateTime"));
        assertFalse(BcPages.of("customers").writable("lastModifiedDateTime"), "a system field, read-only whatever the page says");
        assertFalse(BcPages.of("customers").writable("taxAreaDisplayName"));
        final AlPage ledger = BcPages.of("itemLedgerEntries");
        assertFalse(ledger.insertAllowed() || ledger.modifyAllowed() || ledger.deleteAllowed());
        assertTrue(ledger.field("entryNumber").isPresent());
        assertTrue(ledger.field("locationCode").isEmpty(), "the standard ledger page has no location");
        assertFalse(BcPages.of("salesShipments").insertAllowed());
        assertTrue(BcPages.of("salesInvoices").boundActions().contains("Post"));
    }

    @Test
    void parserReadsPropertiesControlsAndActionsAndSkipsTriggersAndComments() {
        final AlPage page = AlPageParser.parse("""
                page 50100 "Contoso Stock" // a custom API page
                {
                    PageType = API;
                    APIPublisher = 'contoso';
                    EntityName = 'stockLevel';
                    EntitySetName = 'stockLevels';
                    AboutText = 'Stock; per location { not a brace }';
                    ModifyAllowed = false;
                    layout
                    {
                        area(content)
                        {
                            repeater(Group)
                            {
                                field(itemNumber; Rec."Item No.") { Caption = 'Item No.'; Editable = false; }
                                /* field(ghost; Rec.Ghost) { } */
                                field(quantity; Rec.Quantity)
                                {
                                    trigger OnValidate()
                                    begin
                                        Editable = false;
                                    end;
                                }
                                part(lines; "Contoso Lines") { EntityName = 'line'; EntitySetName = 'lines'; SubPageLink = "Id" = field(Id); }
                            }
                        }
                    }
                    [ServiceEnabled]
                    [Scope('Cloud')]
                    procedure Recount(var ActionContext: WebServiceActionContext)
                    begin
                    end;
                }
                """);
        assertEquals("stockLevels", page.entitySetName());
        assertEquals(List.of("itemNumber", "quantity"), page.fields().stream().map(AlPage.Field::name).toList());
        assertFalse(page.field("itemNumber").orElseThrow().editable());
        assertTrue(page.field("quantity").orElseThrow().editable(), "code in a trigger is not a property");
        assertEquals("lines", page.part("lines").orElseThrow().entitySetName());
        assertEquals(List.of("Recount"), page.boundActions());
        assertTrue(page.insertAllowed());
        assertFalse(page.modifyAllowed());
        assertThrows(IllegalArgumentException.class, () -> AlPageParser.parse("table 18 Customer { }"));
    }

    @Test
    void contractNamesUnknownAndReadOnlyFieldsDownToTheLines() throws IOException {
        final JsonNode body = BcTestClient.MAPPER.readTree("""
                {"externalDocumentNumber":"X","customerNumber":"C1","billToCity":"Lyon","colour":"red","@odata.etag":"W/1",
                 "salesOrderLines":[{"lineType":"Item","lineObjectNumber":"1000","quantity":1,"amountIncludingTax":12}]}
                """);
        assertEquals(List.of(
                "salesOrders.billToCity: read-only on page 'APIV2 - Sales Orders'",
                "salesOrders.colour: not a field of page 'APIV2 - Sales Orders'",
                "salesOrders.salesOrderLines[0].amountIncludingTax: read-only on page 'APIV2 - Sales Order Lines'"),
                BcPageContract.violations("salesOrders", body, BcPageContract.Write.INSERT));
        assertEquals(List.of("salesShipments: page 'APIV2 - Sales Shipments' does not allow insert",
                        "salesShipments.externalDocumentNumber: read-only on page 'APIV2 - Sales Shipments'"),
                BcPageContract.violations("salesShipments", BcTestClient.MAPPER.readTree("{\"externalDocumentNumber\":\"X\"}"),
                        BcPageContract.Write.INSERT));
    }

    @Test
    void theStockByLocationQueryIsTheExtensionsSourceAndReadsAsAnApiQuery() throws IOException {
        final Path extension = REFERENCE.getParent().getParent().resolve("bc-extension").resolve("src").resolve(BcStockByLocation.SOURCE_FILE);
        assertEquals(Files.readString(extension), BcStockByLocation.source(), "the sandbox serves the query the repository ships");
        final AlPage query = BcStockByLocation.QUERY;
        assertEquals("nifiecommerce/stock/v1.0", query.apiPublisher() + "/" + query.apiGroup() + "/" + query.apiVersion());
        assertEquals("itemStockByLocations", query.entitySetName());
        assertEquals(List.of("itemNumber", "variantCode", "locationCode", "inventory"), query.fields().stream().map(AlPage.Field::name).toList());
        assertFalse(query.insertAllowed() || query.modifyAllowed() || query.deleteAllowed());
        assertTrue(query.fields().stream().noneMatch(AlPage.Field::editable));
        assertEquals("nifiecommerce/stock/v1.0", BcStockByLocation.PAGE.route());
    }

    @Test
    void theSalesPriceLinesPageIsTheExtensionsSourceAndReadOnly() throws IOException {
        final Path extension = REFERENCE.getParent().getParent().resolve("bc-extension").resolve("src").resolve(BcSalesPriceLines.SOURCE_FILE);
        assertEquals(Files.readString(extension), BcPages.resource("custom/" + BcSalesPriceLines.SOURCE_FILE),
                "the sandbox serves the page the repository ships");
        final AlPage page = BcSalesPriceLines.SOURCE;
        assertEquals("nifiEcommerce/catalog/v1.0", BcSalesPriceLines.PAGE.route());
        assertEquals("salesPriceLines", page.entitySetName());
        assertEquals(List.of("id", "priceListCode", "lineNumber", "sourceType", "sourceNo", "assetNo", "variantCode", "unitOfMeasureCode",
                "minimumQuantity", "unitPrice", "currencyCode", "startingDate", "endingDate", "lastModifiedDateTime"),
                page.fields().stream().map(AlPage.Field::name).toList());
        assertFalse(page.insertAllowed() || page.modifyAllowed() || page.deleteAllowed());
        assertTrue(page.fields().stream().noneMatch(AlPage.Field::editable));
    }
}
