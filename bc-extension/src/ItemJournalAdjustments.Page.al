// The item journal Business Central's API v2.0 lacks (its journals and journalLines are general journals): one POST
// posts one positive or negative adjustment of an item through Item Jnl.-Post Line, so that BC's inventory becomes what
// the 3PL's inventory report (INVRPT, X12 846) says. Used by ReconcileThreePlStock when Differences is "Item journal
// adjustments". The sign of quantity chooses the entry type (Positive Adjmt. or Negative Adjmt.), which keeps the body
// free of enum names.
//
// Exactly once: documentNumber is the report's reference (its INVRPT BGM or 846 BIA document number, else the
// interchange control reference). A line whose item already has an adjustment entry with that document number posts
// nothing, so a redelivered report, or a retry after a partial run, changes no inventory twice.
//
// POST /api/nifiEcommerce/edi/v1.0/companies({companyId})/itemJournalAdjustments
//      {"itemNumber": "1896-S", "quantity": -2, "documentNumber": "INV-20261206"}
page 50103 "NEC Item Journal Adjustments"
{
    PageType = API;
    APIPublisher = 'nifiEcommerce';
    APIGroup = 'edi';
    APIVersion = 'v1.0';
    EntityName = 'itemJournalAdjustment';
    EntitySetName = 'itemJournalAdjustments';
    EntityCaption = 'Item Journal Adjustment';
    EntitySetCaption = 'Item Journal Adjustments';
    SourceTable = "Item Journal Line";
    SourceTableTemporary = true;
    ODataKeyFields = SystemId;
    DelayedInsert = true;
    ModifyAllowed = false;
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
                field(itemNumber; Rec."Item No.")
                {
                    Caption = 'Item No.';
                }
                field(quantity; SignedQuantity)
                {
                    Caption = 'Quantity';
                }
                field(locationCode; Rec."Location Code")
                {
                    Caption = 'Location Code';
                }
                field(documentNumber; Rec."Document No.")
                {
                    Caption = 'Document No.';
                }
                field(entryType; Rec."Entry Type")
                {
                    Caption = 'Entry Type';
                    Editable = false;
                }
                field(posted; Posted)
                {
                    Caption = 'Posted';
                    Editable = false;
                }
            }
        }
    }

    var
        SignedQuantity: Decimal;
        Posted: Boolean;

    trigger OnInsertRecord(BelowxRec: Boolean): Boolean
    var
        ItemLedgerEntry: Record "Item Ledger Entry";
        ItemJnlPostLine: Codeunit "Item Jnl.-Post Line";
        ItemNo: Code[20];
        LocationCode: Code[10];
        DocumentNo: Code[20];
    begin
        ItemNo := Rec."Item No.";
        LocationCode := Rec."Location Code";
        DocumentNo := Rec."Document No.";
        if DocumentNo = '' then
            Error('documentNumber is required: it is what makes a redelivered report post nothing twice.');
        if SignedQuantity = 0 then
            Error('quantity must not be 0.');

        ItemLedgerEntry.SetRange("Item No.", ItemNo);
        ItemLedgerEntry.SetRange("Document No.", DocumentNo);
        ItemLedgerEntry.SetFilter("Entry Type", '%1|%2', ItemLedgerEntry."Entry Type"::"Positive Adjmt.", ItemLedgerEntry."Entry Type"::"Negative Adjmt.");
        Posted := ItemLedgerEntry.IsEmpty();

        Rec.Init();
        Rec."Line No." := 10000;
        Rec.Validate("Posting Date", WorkDate());
        if SignedQuantity > 0 then
            Rec.Validate("Entry Type", Rec."Entry Type"::"Positive Adjmt.")
        else
            Rec.Validate("Entry Type", Rec."Entry Type"::"Negative Adjmt.");
        Rec.Validate("Item No.", ItemNo);
        Rec.Validate("Location Code", LocationCode);
        Rec.Validate("Document No.", DocumentNo);
        Rec.Validate(Quantity, Abs(SignedQuantity));
        if Posted then
            ItemJnlPostLine.RunWithCheck(Rec);
        // the temporary line is what the response shows: posted says whether this call moved the inventory
        exit(true);
    end;
}
