// The B2B prices Business Central's API v2.0 does not expose: the active sales price list lines of items for a
// customer price group or a customer (Price List Line, the table of the new pricing experience). Read by the
// nifi-ecommerce flow erp-master-data-to-shopify (GetBusinessCentralRecords, then PublishShopifyPriceLists): one
// Shopify B2B catalog and price list per sourceNo, one fixed price per item (and variant).
//
// GET /api/nifiEcommerce/catalog/v1.0/companies({companyId})/salesPriceLines
//     ?$filter=sourceType eq 'Customer Price Group'
page 50102 "NEC Sales Price Lines"
{
    PageType = API;
    APIPublisher = 'nifiEcommerce';
    APIGroup = 'catalog';
    APIVersion = 'v1.0';
    EntityName = 'salesPriceLine';
    EntitySetName = 'salesPriceLines';
    EntityCaption = 'Sales Price Line';
    EntitySetCaption = 'Sales Price Lines';
    SourceTable = "Price List Line";
    SourceTableView = where("Price Type" = const(Sale), Status = const(Active), "Asset Type" = const(Item),
                            "Amount Type" = filter(Price | Any), "Source Type" = filter("Customer Price Group" | Customer));
    ODataKeyFields = SystemId;
    DelayedInsert = true;
    InsertAllowed = false;
    ModifyAllowed = false;
    DeleteAllowed = false;
    Editable = false;
    Extensible = false;

    layout
    {
        area(Content)
        {
            repeater(Records)
            {
                field(id; Rec.SystemId)
                {
                    Caption = 'Id';
                    Editable = false;
                }
                field(priceListCode; Rec."Price List Code")
                {
                    Caption = 'Price List Code';
                    Editable = false;
                }
                field(lineNumber; Rec."Line No.")
                {
                    Caption = 'Line No.';
                    Editable = false;
                }
                field(sourceType; Rec."Source Type")
                {
                    Caption = 'Source Type';
                    Editable = false;
                }
                field(sourceNo; Rec."Source No.")
                {
                    Caption = 'Source No.';
                    Editable = false;
                }
                field(assetNo; Rec."Asset No.")
                {
                    Caption = 'Item No.';
                    Editable = false;
                }
                field(variantCode; Rec."Variant Code")
                {
                    Caption = 'Variant Code';
                    Editable = false;
                }
                field(unitOfMeasureCode; Rec."Unit of Measure Code")
                {
                    Caption = 'Unit of Measure Code';
                    Editable = false;
                }
                field(minimumQuantity; Rec."Minimum Quantity")
                {
                    Caption = 'Minimum Quantity';
                    Editable = false;
                }
                field(unitPrice; Rec."Unit Price")
                {
                    Caption = 'Unit Price';
                    Editable = false;
                }
                field(currencyCode; Rec."Currency Code")
                {
                    Caption = 'Currency Code';
                    Editable = false;
                }
                field(startingDate; Rec."Starting Date")
                {
                    Caption = 'Starting Date';
                    Editable = false;
                }
                field(endingDate; Rec."Ending Date")
                {
                    Caption = 'Ending Date';
                    Editable = false;
                }
                field(lastModifiedDateTime; Rec.SystemModifiedAt)
                {
                    Caption = 'Last Modified Date';
                    Editable = false;
                }
            }
        }
    }
}
