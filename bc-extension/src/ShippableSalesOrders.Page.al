// The one write Business Central's API v2.0 lacks for 3PL shipment confirmations: post the shipment of a sales
// order for the quantities its lines' Qty. to Ship say (salesOrderLines.shipQuantity, PATCHed first), without
// invoicing. Used by PostBusinessCentralShipment when its Posting Action is "Ship (bc-extension)".
// yourReference (Your Reference, which Sales-Post copies to the posted shipment, where API v2.0's salesShipments shows
// it as customerPurchaseOrderReference) carries the 3PL's shipment id: a retry whose answer was lost finds the
// shipment it already posted.
//
// GET   /api/nifiEcommerce/edi/v1.0/companies({companyId})/shippableSalesOrders({id})
// PATCH /api/nifiEcommerce/edi/v1.0/companies({companyId})/shippableSalesOrders({id})  {"packageTrackingNumber": "..", "shippingAgentCode": "..", "yourReference": ".."}
// POST  /api/nifiEcommerce/edi/v1.0/companies({companyId})/shippableSalesOrders({id})/Microsoft.NAV.ship
page 50100 "NEC Shippable Sales Orders"
{
    PageType = API;
    APIPublisher = 'nifiEcommerce';
    APIGroup = 'edi';
    APIVersion = 'v1.0';
    EntityName = 'shippableSalesOrder';
    EntitySetName = 'shippableSalesOrders';
    EntityCaption = 'Shippable Sales Order';
    EntitySetCaption = 'Shippable Sales Orders';
    SourceTable = "Sales Header";
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
                field(externalDocumentNumber; Rec."External Document No.")
                {
                    Caption = 'External Document No.';
                    Editable = false;
                }
                field(status; Rec.Status)
                {
                    Caption = 'Status';
                    Editable = false;
                }
                field(packageTrackingNumber; Rec."Package Tracking No.")
                {
                    Caption = 'Package Tracking No.';
                }
                field(shippingAgentCode; Rec."Shipping Agent Code")
                {
                    Caption = 'Shipping Agent Code';
                }
                field(yourReference; Rec."Your Reference")
                {
                    Caption = 'Your Reference';
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
    [Caption('Posts the shipment of the quantities the lines say (Qty. to Ship), without invoicing')]
    procedure Ship(var ActionContext: WebServiceActionContext)
    var
        SalesHeader: Record "Sales Header";
    begin
        SalesHeader.GetBySystemId(Rec.SystemId);
        SalesHeader.Ship := true;
        SalesHeader.Invoice := false;
        Codeunit.Run(Codeunit::"Sales-Post", SalesHeader);
        ActionContext.SetObjectType(ObjectType::Page);
        ActionContext.SetObjectId(Page::"NEC Shippable Sales Orders");
        ActionContext.AddEntityKey(Rec.FieldNo(SystemId), Rec.SystemId);
        ActionContext.SetResultCode(WebServiceActionResultCode::Updated);
    end;
}
