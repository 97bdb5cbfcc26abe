// The receive-only posting Business Central's API v2.0 lacks for 3PL receipts (RECADV, X12 944): post the receipt of
// what the purchase order lines' Qty. to Receive say (purchaseOrderLines.receiveQuantity, PATCHed first: the quantities
// the 3PL accepted, blocked and quality-control stock left out), without invoicing. Used by PostBusinessCentralReceipt.
// vendorShipmentNumber (Vendor Shipment No., Code[35], field 67 of Purchase Header) carries the 3PL's receipt number:
// Purch.-Post copies the header onto the posted receipt (TransferFields, same field number in Purch. Rcpt. Header),
// where postedPurchaseReceipts shows it, so a retry whose answer was lost finds the receipt it already posted.
// Its OnValidate only passes the number on to a released order's warehouse request: it may change after release.
//
// PATCH /api/nifiEcommerce/edi/v1.0/companies({companyId})/receivablePurchaseOrders({id})  {"vendorShipmentNumber": ".."}
// POST  /api/nifiEcommerce/edi/v1.0/companies({companyId})/receivablePurchaseOrders({id})/Microsoft.NAV.receive
page 50101 "NEC Receivable Purch. Orders"
{
    PageType = API;
    APIPublisher = 'nifiEcommerce';
    APIGroup = 'edi';
    APIVersion = 'v1.0';
    EntityName = 'receivablePurchaseOrder';
    EntitySetName = 'receivablePurchaseOrders';
    EntityCaption = 'Receivable Purchase Order';
    EntitySetCaption = 'Receivable Purchase Orders';
    SourceTable = "Purchase Header";
    SourceTableView = where("Document Type" = const(Order));
    ODataKeyFields = SystemId;
    DelayedInsert = true;
    InsertAllowed = false;
    DeleteAllowed = false;
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
                field(vendorShipmentNumber; Rec."Vendor Shipment No.")
                {
                    Caption = 'Vendor Shipment No.';
                }
                field(lastModifiedDateTime; Rec.SystemModifiedAt)
                {
                    Caption = 'Last Modified Date';
                    Editable = false;
                }
            }
        }
    }

    [ServiceEnabled]
    [Caption('Posts the receipt of the quantities the lines say (Qty. to Receive), without invoicing')]
    procedure Receive(var ActionContext: WebServiceActionContext)
    var
        PurchaseHeader: Record "Purchase Header";
    begin
        PurchaseHeader.GetBySystemId(Rec.SystemId);
        PurchaseHeader.Receive := true;
        PurchaseHeader.Invoice := false;
        Codeunit.Run(Codeunit::"Purch.-Post", PurchaseHeader);
        ActionContext.SetObjectType(ObjectType::Page);
        ActionContext.SetObjectId(Page::"NEC Receivable Purch. Orders");
        ActionContext.AddEntityKey(Rec.FieldNo(SystemId), Rec.SystemId);
        ActionContext.SetResultCode(WebServiceActionResultCode::Updated);
    end;
}
