package io.nifiecommerce.it.flows;

import io.nifiecommerce.it.flows.FlowDefinition.Component;

import java.util.List;

import static io.nifiecommerce.it.flows.FlowTemplates.ARCHIVE_STRATEGY;
import static io.nifiecommerce.it.flows.FlowTemplates.HEIGHT;
import static io.nifiecommerce.it.flows.FlowTemplates.PKG;
import static io.nifiecommerce.it.flows.FlowTemplates.PORT_HEIGHT;
import static io.nifiecommerce.it.flows.FlowTemplates.PORT_WIDTH;
import static io.nifiecommerce.it.flows.FlowTemplates.ROW;
import static io.nifiecommerce.it.flows.FlowTemplates.WIDTH;
import static io.nifiecommerce.it.flows.FlowTemplates.centerX;
import static io.nifiecommerce.it.flows.FlowTemplates.fetchAndArchive;
import static io.nifiecommerce.it.flows.FlowTemplates.loopLeft;
import static io.nifiecommerce.it.flows.FlowTemplates.portUnder;

/**
 * The marketplace flow's lane of Amazon settlement reports, with two inputs: the reports Amazon generates, fetched from the
 * Reports API by the Amazon connection, and the flat files dropped in a directory (as downloaded from Seller Central). Both
 * are read, reconciled against their total-amount and booked in BC on Amazon's customer and vendor, in the marketplace
 * journal; what does not add up waits at its review port. A column of its own left of the flow's other lanes (the Amazon
 * orders lane included), its review ports on both sides, the Reports API fetch on the right between the file fetch and
 * the reader.
 */
final class AmazonSettlementLane {

    /** Room for a connection's label between the lane and its ports (the fetch failures' label is long). */
    private static final double GAP = 460;

    private AmazonSettlementLane() {
    }

    /** Adds the lane's parameters, processors, ports and connections, the lane's left edge at {@code x}. */
    static void add(final FlowTemplates templates, final FlowDefinition flow, final Component bc, final Component amazon, final double x) {
        flow.parameter("amazon.settlement.input.directory", "Directory where Amazon settlement reports (flat file V2, tab-separated, "
                + "plain or GZIP) are dropped", false, "/data/marketplaces/amazon-settlements");
        flow.parameter("amazon.settlement.archive.directory", "Directory the settlement reports are archived into once read (outside the input "
                + "directory)", false, "/data/marketplaces/amazon-settlements-archive");
        flow.parameter("amazon.settlement.completion.strategy", ARCHIVE_STRATEGY, false, "Move File");
        flow.parameter("amazon.settlement.marketplace.code", "Code of the Amazon marketplace in BC: the prefix of its settlements' document "
                + "numbers (e.g. amazon-fr gives AMAZONFR-<settlement-id>)", false, "amazon-fr");
        // bc.amazon.customer is the Amazon orders lane's: the settlements credit the customer the orders were booked on
        flow.parameter("bc.amazon.vendor", "BC vendor number of Amazon, who keeps its fees from the settlements", false, "MKT-AMAZON");

        final Component list = flow.processor("List Amazon settlement reports", "org.apache.nifi.processors.standard.ListFile", Bundle.STANDARD)
                .property("Input Directory", "#{amazon.settlement.input.directory}")
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(x, 0);
        final Component fetch = fetchAndArchive(flow, "Fetch and archive Amazon settlement report", "amazon.settlement").at(x, ROW);
        final Component read = flow.processor("Read Amazon settlement reports", PKG + "amazon.ParseAmazonSettlementReport", templates.ecommerce)
                .property("Marketplace", "#{amazon.settlement.marketplace.code}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .at(x, 2 * ROW);
        // between the rows of the file fetch and the reader, so that its connection joins the reader's from above; clear on its
        // right of the retry loop's label of the Amazon orders lane
        final double fetchedY = (ROW + HEIGHT + 2 * ROW) / 2;
        final Component reports = flow.processor("Fetch Amazon settlement reports", PKG + "amazon.FetchAmazonSettlementReports", templates.ecommerce)
                .serviceProperty("Amazon Connection", amazon)
                .property("Initial Start Date", "#{amazon.initial.start.date}")
                .schedule("TIMER_DRIVEN", "30 min")
                .primaryNodeOnly()
                .at(x + WIDTH + GAP - 100, fetchedY - HEIGHT / 2);
        final Component book = flow.processor("Book Amazon settlements in BC", PKG + "mirakl.PutBusinessCentralMarketplaceSettlement", templates.ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Marketplace Customer", "#{bc.amazon.customer}")
                .property("Marketplace Vendor", "#{bc.amazon.vendor}")
                .property("Commission Account", "#{bc.marketplace.commission.account}")
                .property("Bank Account", "#{bc.bank.account}")
                .property("Clearing Account", "#{bc.marketplace.clearing.account}")
                .property("Journal", "#{bc.marketplace.journal}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(x, 3 * ROW);

        final double left = x - GAP - PORT_WIDTH;
        final double right = x + WIDTH + GAP;
        final String unread = flow.reviewPort("unread settlement reports", left, ROW + (HEIGHT - PORT_HEIGHT) / 2);
        final String toReconcile = flow.reviewPort("Amazon settlements to reconcile", left, 2 * ROW + (HEIGHT - PORT_HEIGHT) / 2);
        final String unreadable = flow.reviewPort("unreadable settlement reports", right, 2 * ROW + (HEIGHT - PORT_HEIGHT) / 2);
        final String refused = flow.reviewPort("Amazon settlement bookings", portUnder(book), 3 * ROW + 350);
        final String unfetched = flow.reviewPort("unfetched Amazon settlement reports", centerX(reports) - PORT_WIDTH / 2, ROW - PORT_HEIGHT - 60);
        flow.connect(list.id(), fetch.id(), List.of("success"), true);
        flow.connect(fetch.id(), read.id(), List.of("success"), false);
        // label on the first bend, clear of the file fetch's label on the reader's short vertical
        flow.connect(reports.id(), read.id(), List.of("success"), false,
                List.of(new double[] {x + WIDTH + GAP / 2, fetchedY}, new double[] {centerX(read), fetchedY}));
        flow.connect(reports.id(), unfetched, List.of("failure"), false);
        flow.connect(fetch.id(), unread, List.of("failure", "not.found", "permission.denied"), false);
        flow.connect(read.id(), book.id(), List.of("success"), false);
        flow.connect(read.id(), toReconcile, List.of("review"), false);
        flow.connect(read.id(), unreadable, List.of("failure"), false);
        flow.connect(book.id(), book.id(), List.of("retry"), false, loopLeft(book));
        flow.connect(book.id(), refused, List.of("failure"), false);
    }
}
