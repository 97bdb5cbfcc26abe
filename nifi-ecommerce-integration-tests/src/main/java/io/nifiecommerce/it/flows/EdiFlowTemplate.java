package io.nifiecommerce.it.flows;

import io.nifiecommerce.it.flows.FlowDefinition.Component;

import java.util.List;

import static io.nifiecommerce.it.flows.FlowTemplates.ARCHIVE_STRATEGY;
import static io.nifiecommerce.it.flows.FlowTemplates.NOTE_WIDTH;
import static io.nifiecommerce.it.flows.FlowTemplates.PKG;
import static io.nifiecommerce.it.flows.FlowTemplates.PORT_HEIGHT;
import static io.nifiecommerce.it.flows.FlowTemplates.PORT_WIDTH;
import static io.nifiecommerce.it.flows.FlowTemplates.ROW;
import static io.nifiecommerce.it.flows.FlowTemplates.centerY;
import static io.nifiecommerce.it.flows.FlowTemplates.fetchAndArchive;
import static io.nifiecommerce.it.flows.FlowTemplates.jsonReader;
import static io.nifiecommerce.it.flows.FlowTemplates.jsonWriter;
import static io.nifiecommerce.it.flows.FlowTemplates.loopBelowLeft;
import static io.nifiecommerce.it.flows.FlowTemplates.loopLeft;
import static io.nifiecommerce.it.flows.FlowTemplates.portUnder;

/**
 * The EDI exchanges with the 3PL and retail buyers ({@code flow-templates/edi-with-3pl-and-retail-buyers.json}): shipping
 * orders out of BC, shipment confirmations and receipts back into BC, retail buyers' EANCOM orders in and ORDRSP out, the
 * 3PL's stock reports reconciled with BC. Five lanes side by side, one per exchange; each lane's failures run right onto a vertical "bus" that ends at the
 * lane's review port at the bottom, so that the labels of those connections sit one per row beside the lane.
 */
final class EdiFlowTemplate {

    static final String FILE = "edi-with-3pl-and-retail-buyers";

    /** Wider lanes than the other flows: each lane keeps, on its right, the bus its failures run down. */
    private static final double LANE = 1300;
    private static final double BUS = 800;
    private static final double BUS_PORT_Y = 5 * ROW + 300;
    /** Outgoing drops go right under the PutFile that writes them. */
    private static final double UNDER = 350;

    private final FlowTemplates templates;
    private FlowDefinition flow;

    EdiFlowTemplate(final FlowTemplates templates) {
        this.templates = templates;
    }

    FlowDefinition flow() {
        flow = new FlowDefinition("EDI with the 3PL and retail buyers",
                "Released BC sales orders go to the 3PL as shipping orders (EANCOM ORDERS or X12 940); the 3PL's shipment confirmations "
                        + "(DESADV, 945) and receipts (RECADV, 944) post shipments and purchase receipts in BC, once each; retail buyers' "
                        + "EANCOM orders become BC sales orders, answered with an ORDRSP; the 3PL's stock reports (INVRPT, 846) are "
                        + "reconciled with BC's inventory (a report, or item journal adjustments). Interchanges are acknowledged "
                        + "(CONTRL, 997) where the partner asks.");
        parameters();
        final Component bc = templates.bcService(flow);
        final Component recordWriter = jsonWriter(flow, "EDI record writer");
        final Component recordReader = jsonReader(flow, "EDI record reader");
        final Component resultWriter = jsonWriter(flow, "BC result writer");

        final Component threePlDrop = shippingOrders(bc, recordWriter, recordReader);
        shipmentConfirmations(bc, recordWriter, recordReader, threePlDrop);
        receipts(bc, recordWriter, recordReader);
        retailOrders(bc, recordWriter, recordReader, resultWriter);
        stockReports(bc, recordWriter);
        flow.note("""
                EDI with the 3PL and retail buyers
                Lane 1: released BC sales orders (read every minute, primary node) become shipping orders for the 3PL, EANCOM ORDERS
                or X12 940 (#{edi.3pl.shipping.message}), each order version once, dropped in #{edi.3pl.outbox.directory}.
                Lanes 2 and 3: the 3PL's shipment confirmations (DESADV, 945) and receipts (RECADV, 944) post the BC shipment (partial
                ones included, with the tracking number) and the purchase receipt (blocked quantities stay out), once each; CONTRL/997
                go back to the 3PL's drop. Lane 4: retail buyers' EANCOM orders become BC sales orders, once each, answered by ORDRSP.
                Lane 5: the 3PL's stock reports (INVRPT, 846) are reconciled with BC's inventory: the differences are written to
                #{edi.3pl.stock.reports.directory} and, with #{edi.3pl.stock.differences} = item-journal-adjustments, posted in BC
                (bc-extension), once per report; Shopify's availability then comes from BC (docs/edi.md).
                Received files are moved into the *.archive.directory parameters as received, before parsing. For SFTP, replace
                ListFile/FetchFile/PutFile with ListSFTP/FetchSFTP/PutSFTP. Failures wait in front of the 'Review: ...' output ports
                with error.code and error.message: connect the ports to your own handling, or fix the cause and move them back.""",
                0, -400, NOTE_WIDTH);
        return flow;
    }

    private void parameters() {
        FlowTemplates.bcParameters(flow);
        flow.parameter("edi.sender.id", "Our interchange id as partners know it: UNB sender (our GLN in EANCOM) or ISA06 (at most 15 characters)",
                false, "3012345000004");
        flow.parameter("edi.test.interchanges", "true while a partner connection is being certified: interchanges are flagged as tests "
                + "(UNB 0035, ISA15)", false, "false");
        flow.parameter("edi.3pl.receiver.id", "The 3PL's interchange id: its GLN (UNB recipient, qualifier 14) or, for X12, its ISA08 "
                + "(qualifier ZZ)", false, "3098765000002");
        flow.parameter("edi.3pl.shipping.message", "Shipping order message the 3PL takes: ORDERS_D96A (EANCOM ORDERS D.96A) or X12_940 (940 004010)",
                false, "ORDERS_D96A");
        flow.parameter("edi.3pl.acknowledgment", "When to answer the 3PL's interchanges with CONTRL/997: WHEN_REQUESTED (UNB 0031, ISA14), "
                + "ALWAYS (the usual 997 agreement) or NEVER", false, "WHEN_REQUESTED");
        flow.parameter("edi.3pl.outbox.directory", "Directory the 3PL picks its files up from (shipping orders, CONTRL/997)", false,
                "/data/3pl/outbox");
        directoryParameters("edi.3pl.shipments", "the 3PL drops its shipment confirmations (DESADV, 945)", "/data/3pl/inbox/shipments",
                "/data/3pl/archive/shipments");
        directoryParameters("edi.3pl.receipts", "the 3PL drops its receipt advices (RECADV, 944)", "/data/3pl/inbox/receipts",
                "/data/3pl/archive/receipts");
        directoryParameters("edi.3pl.stock", "the 3PL drops its stock reports (INVRPT, 846)", "/data/3pl/inbox/stock",
                "/data/3pl/archive/stock");
        flow.parameter("edi.3pl.stock.differences", "What becomes of the differences between the 3PL's stock reports and BC: report-only "
                + "(written to the reports directory) or item-journal-adjustments (also posted in BC through bc-extension's "
                + "itemJournalAdjustments; then publish Shopify's availability from BC only, docs/edi.md)", false, "report-only");
        flow.parameter("edi.3pl.stock.complete", "true when the 3PL's stock report lists every item it holds (items it does not "
                + "mention count as 0)", false, "false");
        flow.parameter("edi.3pl.stock.reports.directory", "Directory the stock reconciliation records are written to (JSON, one file "
                + "per report)", false, "/data/3pl/reconciliation");
        flow.parameter("bc.posting.action", "How BC posts shipments and receipts: SHIP_EXTENSION (bc-extension's shippableSalesOrders and "
                + "receivablePurchaseOrders, no invoice) or SHIP_AND_INVOICE (API v2.0's shipAndInvoice / receiveAndInvoice)", false,
                "SHIP_EXTENSION");
        directoryParameters("edi.retail.orders", "retail buyers' EANCOM orders are dropped", "/data/edi/retail/inbox", "/data/edi/retail/archive");
        flow.parameter("edi.retail.outbox.directory", "Directory retail buyers' answers are sent from (ORDRSP, CONTRL)", false,
                "/data/edi/retail/outbox");
        flow.parameter("edi.retail.gln.table", "CSV gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode: the "
                + "BC customer of each buyer GLN and the address of each delivery GLN (API v2.0 customers carry no GLN)", false,
                "gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode");
    }

    private void directoryParameters(final String prefix, final String what, final String input, final String archive) {
        flow.parameter(prefix + ".directory", "Directory where " + what, false, input);
        flow.parameter(prefix + ".archive.directory", "Directory those files are archived into once read (outside the input directory)",
                false, archive);
        flow.parameter(prefix + ".completion.strategy", ARCHIVE_STRATEGY, false, "Move File");
    }

    /** Lane 1: released sales orders to the 3PL. Returns the PutFile of the 3PL's drop, which the acknowledgments share. */
    private Component shippingOrders(final Component bc, final Component writer, final Component reader) {
        final double x = 0;
        final Component read = flow.processor("Read BC sales orders", PKG + "businesscentral.GetBusinessCentralRecords", templates.ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Entity Set", "salesOrders")
                .property("Expand", "salesOrderLines")
                .serviceProperty("Record Writer", writer)
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .comments("Reads the sales orders changed since the last run (lastModifiedDateTime) with their lines; the writer keeps "
                        + "the released ones and sends each order version once.")
                .at(x, 0);
        final Component write = flow.processor("Write shipping orders (ORDERS, 940)", PKG + "edi.WriteShippingOrderEdi", templates.ecommerce)
                .serviceProperty("Record Reader", reader)
                .property("Shipping Message", "#{edi.3pl.shipping.message}")
                .property("Sender ID", "#{edi.sender.id}")
                .property("Receiver ID", "#{edi.3pl.receiver.id}")
                .property("Test Interchanges", "#{edi.test.interchanges}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .at(x, ROW);
        final Component drop = flow.processor("Drop files for the 3PL", "org.apache.nifi.processors.standard.PutFile", Bundle.STANDARD)
                .property("Directory", "#{edi.3pl.outbox.directory}")
                .property("Conflict Resolution Strategy", "replace")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .comments("A file of the same name is the same interchange (its name holds the derived control number): replacing it is safe.")
                .at(x, 2 * ROW);
        flow.connect(read.id(), write.id(), List.of("success"), true);
        flow.connect(write.id(), drop.id(), List.of("success"), false);
        final String review = busPort(x, "shipping orders");
        toBus(write, x, review, List.of("failure"));
        flow.connect(drop.id(), flow.reviewPort("files to 3PL", portUnder(drop), 2 * ROW + UNDER), List.of("failure"), false);
        return drop;
    }

    /** Lane 2: DESADV / 945 post the BC shipment; CONTRL / 997 back to the 3PL's drop. */
    private void shipmentConfirmations(final Component bc, final Component writer, final Component reader, final Component threePlDrop) {
        final double x = LANE;
        final String review = busPort(x, "3PL shipments");
        final Component read = read("shipments", "Read shipment confirmations (DESADV, 945)", "ReadShipmentConfirmationEdi", writer, x, review)
                .property("Acknowledgment", "#{edi.3pl.acknowledgment}")
                .property("Test Interchanges", "#{edi.test.interchanges}");
        final Component post = post("Post shipments in BC", "PostBusinessCentralShipment", bc, reader, x, review)
                .comments("Sets each line's Qty. to Ship to what the 3PL shipped (0 for what it did not), then posts the shipment with its "
                        + "tracking number; a confirmation already posted goes to duplicate.");
        // straight across into the side of the 3PL's drop, one row above this lane's posting
        flow.connect(read.id(), threePlDrop.id(), List.of("acknowledgment"), false);
        flow.connect(read.id(), post.id(), List.of("success"), false);
    }

    /** Lane 3: RECADV / 944 post the purchase receipt, blocked quantities left out. */
    private void receipts(final Component bc, final Component writer, final Component reader) {
        final double x = 2 * LANE;
        final String review = busPort(x, "3PL receipts");
        final Component read = read("receipts", "Read receipt advices (RECADV, 944)", "ReadReceiptAdviceEdi", writer, x, review);
        final Component post = post("Post receipts in BC", "PostBusinessCentralReceipt", bc, reader, x, review)
                .comments("Sets each line's Qty. to Receive to the quantity available (received minus not accepted, damaged or on hold), "
                        + "then posts the receipt; a receipt already posted goes to duplicate.");
        flow.connect(read.id(), post.id(), List.of("success"), false);
    }

    /** Lane 4: EANCOM ORDERS to BC sales orders, answered by ORDRSP. */
    private void retailOrders(final Component bc, final Component writer, final Component reader, final Component resultWriter) {
        final double x = 3 * LANE;
        final String review = busPort(x, "retail orders");
        final Component list = list("edi.retail.orders", "List retail buyers' orders", x);
        final Component fetch = fetchAndArchive(flow, "Fetch and archive retail order", "edi.retail.orders").at(x, ROW);
        final Component read = flow.processor("Read EANCOM orders", PKG + "edi.ReadRetailOrderEdi", templates.ecommerce)
                .serviceProperty("Record Writer", writer)
                .property("GLN Table", "#{edi.retail.gln.table}")
                .property("Acknowledgment", "WHEN_REQUESTED")
                .property("Test Interchanges", "#{edi.test.interchanges}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original", "duplicate")
                .comments("A second copy of an order already received (same buyer GLN and order number) goes to duplicate, which ends here.")
                .at(x, 2 * ROW);
        // EANCOM orders are company orders: the buyer's BC customer comes from the GLN table, never from a default
        final Component create = flow.processor("Create retail sales orders", PKG + "businesscentral.PutBusinessCentralOrder", templates.ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .serviceProperty("Record Reader", reader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Item Reference", "GTIN")
                .property("B2B Customer Matching", "EXTERNAL_ID")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("cancelled") // EANCOM orders carry no cancellation: nothing ever goes there
                .at(x, 3 * ROW);
        final Component answer = flow.processor("Answer retail buyers (ORDRSP)", PKG + "edi.WriteOrderResponseEdi", templates.ecommerce)
                .serviceProperty("Record Reader", reader)
                .property("Response", "${bc.outcome:equals('FAILED'):ifElse('REFUSED','ACCEPTED')}")
                .property("Supplier GLN", "#{edi.sender.id}")
                .property("Test Interchanges", "#{edi.test.interchanges}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .comments("Orders BC created (or already had) are accepted. A refusal is a person's decision: to refuse an order waiting at "
                        + "'Review: retail orders', move it here; its bc.outcome FAILED answers REFUSED.")
                .at(x, 4 * ROW);
        final Component drop = flow.processor("Drop files for retail buyers", "org.apache.nifi.processors.standard.PutFile", Bundle.STANDARD)
                .property("Directory", "#{edi.retail.outbox.directory}")
                .property("Conflict Resolution Strategy", "replace")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(x, 5 * ROW);
        flow.connect(list.id(), fetch.id(), List.of("success"), true);
        flow.connect(fetch.id(), read.id(), List.of("success"), false);
        // one order a FlowFile, named by its buyer's order number: the same order always reaches the same node
        flow.connectKeyed(read.id(), create.id(), List.of("success"), List.of());
        flow.connect(create.id(), answer.id(), List.of("success"), false);
        flow.connect(create.id(), create.id(), List.of("retry"), false, loopLeft(create));
        flow.connect(answer.id(), drop.id(), List.of("success"), false);
        // the acknowledgment leaves on the left, clear of the failures running right, and enters the drop's side
        final double left = x - 200;
        flow.connect(read.id(), drop.id(), List.of("acknowledgment"), false,
                List.of(new double[] {left, centerY(read)}, new double[] {left, centerY(drop)}));
        toBus(fetch, x, review, List.of("failure", "not.found", "permission.denied"));
        toBus(read, x, review, List.of("review"));
        toBus(create, x, review, List.of("failure"));
        toBus(answer, x, review, List.of("failure"));
        flow.connect(drop.id(), flow.reviewPort("files to buyers", portUnder(drop), 5 * ROW + UNDER), List.of("failure"), false);
    }

    /** Lane 5: INVRPT / 846 reconciled with BC's inventory; the records to a directory, adjustments posted if chosen. */
    private void stockReports(final Component bc, final Component writer) {
        final double x = 4 * LANE;
        final String review = busPort(x, "3PL stock");
        final Component reconcile = read("stock", "Reconcile 3PL stock with BC (INVRPT, 846)", "ReconcileThreePlStock", writer, x, review)
                .serviceProperty("Business Central Connection", bc)
                .property("Differences", "#{edi.3pl.stock.differences}")
                .property("Complete Report", "#{edi.3pl.stock.complete}")
                .comments("Compares the report with BC's items.inventory; with item-journal-adjustments, posts each difference once per "
                        + "report number (a redelivered report posts nothing twice). BC throttling loops on retry.");
        final Component drop = flow.processor("Write stock reconciliation", "org.apache.nifi.processors.standard.PutFile", Bundle.STANDARD)
                .property("Directory", "#{edi.3pl.stock.reports.directory}")
                .property("Conflict Resolution Strategy", "replace")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(x, 3 * ROW);
        flow.connect(reconcile.id(), reconcile.id(), List.of("retry"), false, loopLeft(reconcile));
        flow.connect(reconcile.id(), drop.id(), List.of("success"), false);
        toBus(drop, x, review, List.of("failure"));
    }

    /** List, fetch and archive, read: the top of a 3PL lane, its failures on the lane's bus. */
    private Component read(final String kind, final String name, final String processor, final Component writer, final double x,
                           final String review) {
        final String prefix = "edi.3pl." + kind;
        final Component list = list(prefix, "List 3PL " + kind, x);
        final Component fetch = fetchAndArchive(flow, "Fetch and archive 3PL " + kind + " file", prefix).at(x, ROW);
        final Component read = flow.processor(name, PKG + "edi." + processor, templates.ecommerce)
                .serviceProperty("Record Writer", writer)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .at(x, 2 * ROW);
        flow.connect(list.id(), fetch.id(), List.of("success"), true);
        flow.connect(fetch.id(), read.id(), List.of("success"), false);
        toBus(fetch, x, review, List.of("failure", "not.found", "permission.denied"));
        toBus(read, x, review, List.of("review"));
        return read;
    }

    /** The posting at the bottom of a 3PL lane: retried in place, refusals on the lane's bus. */
    private Component post(final String name, final String processor, final Component bc, final Component reader, final double x,
                           final String review) {
        final Component post = flow.processor(name, PKG + "edi." + processor, templates.ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .serviceProperty("Record Reader", reader)
                .property("Posting Action", "#{bc.posting.action}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success", "original", "duplicate")
                .at(x, 3 * ROW);
        flow.connect(post.id(), post.id(), List.of("retry"), false, loopBelowLeft(post));
        toBus(post, x, review, List.of("review"));
        return post;
    }

    private Component list(final String prefix, final String name, final double x) {
        return flow.processor(name, "org.apache.nifi.processors.standard.ListFile", Bundle.STANDARD)
                .property("Input Directory", "#{" + prefix + ".directory}")
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(x, 0);
    }

    /** The review port at the bottom of the lane's bus. */
    private String busPort(final double x, final String what) {
        return flow.reviewPort(what, x + BUS - PORT_WIDTH / 2, BUS_PORT_Y);
    }

    /** Right from the processor onto the lane's bus, then down to its port; the label sits where it joins the bus. */
    private void toBus(final Component source, final double x, final String port, final List<String> relationships) {
        flow.connect(source.id(), port, relationships, false,
                List.of(new double[] {x + BUS, centerY(source)}, new double[] {x + BUS, BUS_PORT_Y + PORT_HEIGHT / 2}));
    }
}
