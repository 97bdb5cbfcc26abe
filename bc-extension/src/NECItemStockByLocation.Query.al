namespace NifiEcommerce.Stock;

using Microsoft.Inventory.Ledger;

// Stock per item and location for the nifi-ecommerce bundle: the standard API v2.0 gives one
// inventory total per item (items.inventory) and its itemLedgerEntries page has no location, so a
// retailer whose BC locations map to several Shopify locations installs this API query and reads
// api/nifiecommerce/stock/v1.0/companies(<id>)/itemStockByLocations. Each row is the sum of the item
// ledger (the same entries that make up items.inventory) for one item, variant and location.
query 50100 "NEC Item Stock By Location"
{
    QueryType = API;
    APIPublisher = 'nifiecommerce';
    APIGroup = 'stock';
    APIVersion = 'v1.0';
    EntityName = 'itemStockByLocation';
    EntitySetName = 'itemStockByLocations';
    DataAccessIntent = ReadOnly;

    elements
    {
        dataitem(itemLedgerEntry; "Item Ledger Entry")
        {
            column(itemNumber; "Item No.")
            {
                Caption = 'Item No.';
            }
            column(variantCode; "Variant Code")
            {
                Caption = 'Variant Code';
            }
            column(locationCode; "Location Code")
            {
                Caption = 'Location Code';
            }
            column(inventory; Quantity)
            {
                Caption = 'Inventory';
                Method = Sum;
            }
        }
    }
}
