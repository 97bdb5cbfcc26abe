// The posted purchase receipts with what API v2.0's purchaseReceipts leaves out: Vendor Shipment No., where
// PostBusinessCentralReceipt marks a receipt with the 3PL's receipt number before posting it (through
// receivablePurchaseOrders; Purch.-Post copies the order's Vendor Shipment No. onto the posted receipt). Every attempt
// to post a 3PL receipt looks here first, so one whose answer was lost is found rather than received twice. Read-only,
// as posted documents are; the lines are API v2.0's purchaseReceipts(id)/purchaseReceiptLines (id is the same SystemId).
//
// GET /api/nifiEcommerce/edi/v1.0/companies({companyId})/postedPurchaseReceipts?$filter=orderNumber eq '..' and vendorShipmentNumber eq '..'
page 50104 "NEC Posted Purch. Receipts"
{
    PageType = API;
    APIPublisher = 'nifiEcommerce';
    APIGroup = 'edi';
    APIVersion = 'v1.0';
    EntityName = 'postedPurchaseReceipt';
    EntitySetName = 'postedPurchaseReceipts';
    EntityCaption = 'Posted Purchase Receipt';
    EntitySetCaption = 'Posted Purchase Receipts';
    SourceTable = "Purch. Rcpt. Header";
    ODataKeyFields = SystemId;
    DelayedInsert = true;
    InsertAllowed = false;
    ModifyAllowed = false;
    DeleteAllowed = false;
    Editable = false;
    DataAccessIntent = ReadOnly;
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
                field(number; Rec."No.")
                {
                    Caption = 'No.';
                    Editable = false;
                }
                field(orderNumber; Rec."Order No.")
                {
                    Caption = 'Order No.';
                    Editable = false;
                }
                field(vendorNumber; Rec."Buy-from Vendor No.")
                {
                    Caption = 'Vendor No.';
                    Editable = false;
                }
                field(vendorShipmentNumber; Rec."Vendor Shipment No.")
                {
                    Caption = 'Vendor Shipment No.';
                    Editable = false;
                }
                field(postingDate; Rec."Posting Date")
                {
                    Caption = 'Posting Date';
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
