// What Business Central's API v2.0 customers page leaves out and a B2B shop needs: the customer price group (which
// B2B catalog the customer's Shopify company location gets) and the default ship-to address (Customer."Ship-to Code"
// in table Ship-to Address). Read by the nifi-ecommerce flow erp-master-data-to-shopify (GetBusinessCentralRecords,
// then PutShopifyCompanies) instead of API v2.0 customers: its other fields carry the same names and sources, so the
// same filter (type eq 'Company' and blocked ne 'All') applies.
//
// GET /api/nifiEcommerce/catalog/v1.0/companies({companyId})/shopCustomers?$filter=type eq 'Company'
page 50105 "NEC Shop Customers"
{
    PageType = API;
    APIPublisher = 'nifiEcommerce';
    APIGroup = 'catalog';
    APIVersion = 'v1.0';
    EntityName = 'shopCustomer';
    EntitySetName = 'shopCustomers';
    EntityCaption = 'Shop Customer';
    EntitySetCaption = 'Shop Customers';
    SourceTable = Customer;
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
                field(number; Rec."No.")
                {
                    Caption = 'No.';
                    Editable = false;
                }
                field(displayName; Rec.Name)
                {
                    Caption = 'Display Name';
                    Editable = false;
                }
                field(type; Rec."Contact Type")
                {
                    Caption = 'Type';
                    Editable = false;
                }
                field(addressLine1; Rec.Address)
                {
                    Caption = 'Address Line 1';
                    Editable = false;
                }
                field(addressLine2; Rec."Address 2")
                {
                    Caption = 'Address Line 2';
                    Editable = false;
                }
                field(city; Rec.City)
                {
                    Caption = 'City';
                    Editable = false;
                }
                field(state; Rec.County)
                {
                    Caption = 'State';
                    Editable = false;
                }
                field(country; Rec."Country/Region Code")
                {
                    Caption = 'Country/Region Code';
                    Editable = false;
                }
                field(postalCode; Rec."Post Code")
                {
                    Caption = 'Post Code';
                    Editable = false;
                }
                field(phoneNumber; Rec."Phone No.")
                {
                    Caption = 'Phone No.';
                    Editable = false;
                }
                field(email; Rec."E-Mail")
                {
                    Caption = 'Email';
                    Editable = false;
                }
                field(salespersonCode; Rec."Salesperson Code")
                {
                    Caption = 'Salesperson Code';
                    Editable = false;
                }
                field(taxRegistrationNumber; Rec."VAT Registration No.")
                {
                    Caption = 'Tax Registration No.';
                    Editable = false;
                }
                field(paymentTermsId; Rec."Payment Terms Id")
                {
                    Caption = 'Payment Terms Id';
                    Editable = false;
                }
                field(blocked; Rec.Blocked)
                {
                    Caption = 'Blocked';
                    Editable = false;
                }
                field(customerPriceGroup; Rec."Customer Price Group")
                {
                    Caption = 'Customer Price Group';
                    Editable = false;
                }
                field(customerDiscountGroup; Rec."Customer Disc. Group")
                {
                    Caption = 'Customer Disc. Group';
                    Editable = false;
                }
                field(shipToCode; Rec."Ship-to Code")
                {
                    Caption = 'Ship-to Code';
                    Editable = false;
                }
                field(shipToName; ShipToAddress.Name)
                {
                    Caption = 'Ship-to Name';
                    Editable = false;
                }
                field(shipToAddressLine1; ShipToAddress.Address)
                {
                    Caption = 'Ship-to Address';
                    Editable = false;
                }
                field(shipToAddressLine2; ShipToAddress."Address 2")
                {
                    Caption = 'Ship-to Address 2';
                    Editable = false;
                }
                field(shipToCity; ShipToAddress.City)
                {
                    Caption = 'Ship-to City';
                    Editable = false;
                }
                field(shipToPostCode; ShipToAddress."Post Code")
                {
                    Caption = 'Ship-to Post Code';
                    Editable = false;
                }
                field(shipToState; ShipToAddress.County)
                {
                    Caption = 'Ship-to County';
                    Editable = false;
                }
                field(shipToCountry; ShipToAddress."Country/Region Code")
                {
                    Caption = 'Ship-to Country/Region Code';
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

    trigger OnAfterGetRecord()
    begin
        // the default ship-to address, or blanks: PutShopifyCompanies then ships to the billing address
        Clear(ShipToAddress);
        if Rec."Ship-to Code" <> '' then
            if ShipToAddress.Get(Rec."No.", Rec."Ship-to Code") then;
    end;

    var
        ShipToAddress: Record "Ship-to Address";
}
