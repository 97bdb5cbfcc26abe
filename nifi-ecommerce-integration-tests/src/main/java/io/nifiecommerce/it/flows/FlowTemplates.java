package io.nifiecommerce.it.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.it.flows.FlowDefinition.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flow definitions shipped in {@code flow-templates/}: one per integration scenario, each with
 * its parameter context. Generated so that every definition follows the same conventions (sources
 * on the primary node, load-balanced connections after them, failures parked in front of a "Review: ..." output port,
 * secrets as sensitive parameters without value). Run {@link #main} to rewrite the files;
 * FlowTemplatesTest fails when the committed files differ from what this class writes.
 */
public final class FlowTemplates {

    public static final String ORDERS = "shopify-orders-to-business-central";
    public static final String STOCK = "stock-to-shopify";
    public static final String TRACKING = "tracking-to-shopify";
    /** The tracking flow reading the feeds from the carriers' or 3PL's SFTP server: no shared storage in a cluster. */
    public static final String TRACKING_SFTP = "tracking-to-shopify-over-sftp";
    public static final String MARKETPLACE = "marketplace-orders-to-business-central";
    public static final String EDI = EdiFlowTemplate.FILE;
    public static final String REFUNDS = "shopify-refunds-to-business-central";
    public static final String MASTER_DATA = "erp-master-data-to-shopify";
    public static final String ERP_STATUS = "erp-status-to-shopify";
    public static final String ERP_ON_DEMAND = "erp-data-on-demand";
    public static final List<String> NAMES = List.of(ORDERS, STOCK, TRACKING, MARKETPLACE, EDI, REFUNDS, ERP_STATUS, MASTER_DATA, ERP_ON_DEMAND,
            TRACKING_SFTP);
    /** Flows the demo does not import (no B2B site calling in; the SFTP variant of a flow it runs), hence no screenshot. */
    private static final Set<String> NOT_IN_DEMO = Set.of(ERP_ON_DEMAND, TRACKING_SFTP);
    /** The flows the demo imports and runs. */
    public static final List<String> IN_DEMO = NAMES.stream().filter(name -> !NOT_IN_DEMO.contains(name)).toList();

    static final String PKG = "io.nifiecommerce.processors.";
    /**
     * The attribute naming the order bucket of a keyed writer's FlowFile: the writers look an order up before they create it,
     * so one order must never be written by two nodes at once, and they claim the bucket across the cluster before writing.
     */
    public static final String ORDER_BUCKET = "ecommerce.order.bucket";
    /**
     * Concurrent tasks of each Shopify writer per node. They spend most of a task waiting on a request, or on the retry of a
     * transient failure: one task leaves the shop's bucket unspent. Safe for the keyed writers: a task takes only a FlowFile
     * whose order bucket no other task holds (OrderClaims), so 16 buckets bound what runs at once.
     */
    static final int SHOPIFY_WRITER_TASKS = 4;
    /** Concurrent tasks of each BC writer per node: more would only wait in the governor for the node's share of BC's 5 requests at once. */
    static final int BC_WRITER_TASKS = 2;
    /**
     * The demo's Maximum Timer Driven Thread Count: every writer's tasks at once (the Shopify writers of the orders, tracking and
     * ERP status flows, the BC writers of the orders, marketplace and refunds flows) and 10 for the rest.
     */
    public static final int DEMO_TIMER_DRIVEN_THREADS = 3 * SHOPIFY_WRITER_TASKS + 4 * BC_WRITER_TASKS + 10;
    private static final String RECORD_READER_API = "org.apache.nifi.serialization.RecordReaderFactory";
    private static final String RECORD_WRITER_API = "org.apache.nifi.serialization.RecordSetWriterFactory";
    private static final String HOURLY_CRON = "0 0 * * * ?";
    private static final String NIGHTLY_ITEMS_CRON = "0 0 2 * * ?";
    private static final String NIGHTLY_PRICES_CRON = "0 30 2 * * ?";
    private static final String NIGHTLY_COMPANIES_CRON = "0 0 3 * * ?";

    // Layout. A processor is 352 x 128 on the canvas, an output port 240 x 48. Lanes are 700 apart, so the rest of a lane
    // holds connection labels and retry loops; rows are 250 apart, so the label of a connection between two rows fits in
    // the gap. Connections run straight down a lane, or bend once so that they run straight across.
    static final double WIDTH = 352;
    static final double HEIGHT = 128;
    static final double PORT_WIDTH = 240;
    static final double PORT_HEIGHT = 48;
    // a port shows about 14 characters of its name under "Review:": keep what follows short
    private static final double LANE = 700;
    static final double ROW = 250;
    /** x of the marketplace flow's Amazon lane. */
    private static final double AMAZON_X = -2 * LANE - 500;
    /** Wide enough for the explaining labels' lines (at most about 125 characters of 14 px text, about 8 px each). */
    static final double NOTE_WIDTH = 1100;
    static final String ARCHIVE_STRATEGY = "What happens to a file once read: 'Move File' archives it into the archive directory "
            + "(kept as received, before parsing), 'Delete File' deletes it, 'None' leaves it";

    final Bundle ecommerce;

    public FlowTemplates(final String bundleVersion) {
        this.ecommerce = Bundle.ecommerce(bundleVersion);
    }

    public static void main(final String[] args) throws IOException {
        final Path directory = Path.of(args.length > 0 ? args[0] : "flow-templates");
        final String version = args.length > 1 ? args[1] : System.getProperty("nifi-ecommerce.version", "0.1.0-SNAPSHOT");
        final FlowTemplates templates = new FlowTemplates(version);
        for (final Map.Entry<String, FlowDefinition> entry : templates.all().entrySet()) {
            entry.getValue().write(directory.resolve(entry.getKey() + ".json"));
            Files.writeString(directory.resolve(entry.getKey() + ".test-parameters.json"), testParameters(entry.getValue()),
                    StandardCharsets.UTF_8);
        }
        Files.writeString(directory.resolve("README.md"), templates.readme(), StandardCharsets.UTF_8);
    }

    /**
     * The values FlowTemplatesIT fills before checking a definition imports valid: a stand-in for each
     * secret and an existing directory for each drop directory; every other parameter keeps the
     * definition's production default.
     */
    public static String testParameters(final FlowDefinition flow) {
        final ObjectNode values = new ObjectMapper().createObjectNode();
        for (final ObjectNode parameter : flow.parameters()) {
            final String name = parameter.path("name").asText();
            if (parameter.path("sensitive").asBoolean()) {
                values.put(name, "test-only-" + name.replace('.', '-'));
            } else if (name.endsWith(".directory")) {
                values.put(name, "/tmp");
            } else if (name.endsWith(".known.hosts")) {
                values.put(name, "/dev/null"); // a file that exists, as the host key file must: no host is trusted
            }
        }
        return values.toPrettyString() + "\n";
    }

    /** flow-templates/README.md: what each definition does and the parameters an integrator fills. */
    public String readme() {
        final StringBuilder md = new StringBuilder("""
                # Flow definitions

                NiFi 2.x flow definitions, one per integration scenario. Import one per client: in the NiFi UI drag a
                Process Group onto the canvas, click the upload icon and pick the file (or
                `POST /nifi-api/process-groups/{parent}/process-groups/upload`). Each creates its Parameter Context; fill
                it (secrets are sensitive parameters and carry no value in these files), enable the controller services,
                start the group. Sources run on the primary node only; the connections after them are load-balanced, so
                a cluster shares the work. Failures wait in front of output ports named "Review: ..." at the group's edge, with
                `error.code` and `error.message` attributes: connect a port to your own handling (a notification, a ticket, a
                replay), or list its queue, fix the cause and move the FlowFiles back. Left unconnected, a port does not run
                (NiFi shows it invalid: "Port has no outgoing connections"), so its queue keeps everything. Raw carrier, 3PL and
                marketplace files are archived as received before parsing (FetchFile moves them into the `*.archive.directory`
                parameter; set `*.completion.strategy` to `Delete File` to not archive). The Shopify flow's webhook branch
                (disabled) listens over HTTPS only: see docs/integrator-guide.md, "Real-time webhooks".

                These files are generated by `io.nifiecommerce.it.flows.FlowTemplates` (a test fails when they drift);
                change the generator, then run `./mvnw -q -pl nifi-ecommerce-integration-tests -am package -DskipTests`
                and `java -cp ... io.nifiecommerce.it.flows.FlowTemplates flow-templates` (see docs/integrator-guide.md).
                The pictures are screenshots of each flow running in the demo's NiFi, retaken with
                `docs/screenshots/take-screenshots.sh`.

                """);
        for (final String file : NAMES) {
            final FlowDefinition flow = all().get(file);
            md.append("## ").append(flow.name()).append(" (`").append(file).append(".json`)\n\n");
            md.append(flow.comments()).append("\n\n");
            if (NOT_IN_DEMO.contains(file)) {
                md.append("(No screenshot: the demo, which the screenshots are taken from, does not run this flow.)\n\n");
            } else {
                // taken from the real NiFi UI by docs/screenshots/take-screenshots.sh
                md.append("![").append(flow.name()).append(" in the NiFi UI](../docs/screenshots/").append(file).append(".png)\n\n");
            }
            md.append("| Parameter | Sensitive | Default | Description |\n|---|---|---|---|\n");
            for (final ObjectNode parameter : flow.parameters()) {
                final boolean sensitive = parameter.path("sensitive").asBoolean();
                final String value = parameter.path("value").isNull() ? "" : parameter.path("value").asText();
                md.append("| `").append(parameter.path("name").asText()).append("` | ").append(sensitive ? "yes" : "no").append(" | ")
                        .append(sensitive ? "(none: set it in NiFi)" : value.isEmpty() ? "(empty)" : "`" + value + "`").append(" | ")
                        .append(parameter.path("description").asText()).append(" |\n");
            }
            md.append("\n");
        }
        return md.toString();
    }

    public Map<String, FlowDefinition> all() {
        return Map.ofEntries(Map.entry(ORDERS, orders()), Map.entry(STOCK, stock()), Map.entry(TRACKING, tracking()),
                Map.entry(MARKETPLACE, marketplace()), Map.entry(EDI, new EdiFlowTemplate(this).flow()), Map.entry(REFUNDS, refunds()),
                Map.entry(ERP_STATUS, erpStatus()), Map.entry(MASTER_DATA, masterData()), Map.entry(ERP_ON_DEMAND, erpOnDemand()),
                Map.entry(TRACKING_SFTP, trackingOverSftp()));
    }

    /** Shopify orders to BC sales orders: B2C at once, B2B once the sales administration approved their draft, with BC's carrier price back. */
    public FlowDefinition orders() {
        final FlowDefinition flow = new FlowDefinition("Shopify orders to Business Central",
                "Every Shopify order becomes a Business Central sales order exactly once. B2C orders flow at once; "
                        + "B2B orders are reviewed as draft orders and flow once the sales administration tagged them #{shopify.b2b.approval.tag}; "
                        + "the carrier price BC computes is then put on the draft before it becomes the customer's order.");
        shopifyParameters(flow);
        flow.parameter("shopify.initial.start.date", "Orders updated since this ISO-8601 date are taken at the first run", false,
                "2026-01-01T00:00:00Z");
        flow.parameter("shopify.b2c.query", "Shopify search filter for B2C orders (e.g. financial_status:paid); status:any takes them all", false,
                "status:any");
        flow.parameter("shopify.b2b.approval.tag", "Tag the sales administration adds to a B2B draft order in the Shopify admin to approve it",
                false, "approved");
        flow.parameter("shopify.b2b.review.tag", "Tag the flow adds to B2B drafts waiting for review (the sales administration's saved view "
                + "of draft orders)", false, "b2b-review");
        flow.parameter("bc.freight.line.type", "Line type BC puts the carrier charge on: Charge (item charge) or Account (G/L account)", false,
                "Charge");
        flow.parameter("bc.freight.number", "Item charge or G/L account number of BC's freight lines", false, "S-FREIGHT");
        bcParameters(flow);
        flow.parameter("bc.b2c.default.customer", "BC customer number B2C orders are booked on", false, "WEB-B2C");
        flow.parameter("bc.shipping.account", "G/L account (or charge item) number shipping lines are booked on", false, "7190");
        flow.parameter("webhook.listen.port", "HTTPS port of the real-time Shopify webhook listener (branch disabled by default)", false, "9443");
        flow.parameter("shopify.webhook.secret", "Shopify app secret that signs webhooks (X-Shopify-Hmac-Sha256)", true, null);
        flow.parameter("webhook.keystore.file", "Keystore with the listener's TLS certificate and private key (Shopify only posts to HTTPS "
                + "with a certificate from a public CA)", false, "/opt/nifi/conf/shopify-webhook-keystore.p12");
        flow.parameter("webhook.keystore.type", "Type of that keystore: PKCS12 or JKS", false, "PKCS12");
        flow.parameter("webhook.keystore.password", "Password of that keystore (and of its key)", true, null);

        final Component shopify = shopifyService(flow);
        final Component bc = bcService(flow);
        final Component orderWriter = jsonWriter(flow, "Canonical order writer");
        final Component orderReader = jsonReader(flow, "Canonical order reader");
        final Component resultWriter = jsonWriter(flow, "Order result writer");

        final Component b2c = fetchOrders(flow, "Fetch B2C orders", shopify, orderWriter, "B2C", "#{shopify.b2c.query}")
                .property("Release Policy", "DRAFT_REVIEW")
                .property("Approval Tag", "#{shopify.b2b.approval.tag}")
                .at(0, 0);
        final Component b2b = flow.processor("Fetch approved B2B drafts", PKG + "shopify.FetchShopifyDraftOrders", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .property("Initial Start", "DATE")
                .property("Initial Start Date", "#{shopify.initial.start.date}")
                .property("Query Filter", "status:open")
                .property("Approval Tag", "#{shopify.b2b.approval.tag}")
                .property("Review Tag", "#{shopify.b2b.review.tag}")
                .serviceProperty("Record Writer", orderWriter)
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .comments("Company locations that check out to draft submit B2B orders as drafts; this tags them for review "
                        + "(the sales administration's saved view of Orders > Drafts) and sends each on once the sales administration tagged it approved.")
                .at(LANE, 0);
        final Component keyed = orderBuckets(flow, "Group orders by order", orderReader, orderWriter, "/sourceId").at(0, ROW);
        final Component put = salesOrders(flow, "Create sales orders in Business Central", bc, orderReader, resultWriter,
                "#{bc.b2c.default.customer}").at(LANE, 2 * ROW);
        final Component price = flow.processor("Put BC carrier price on B2B drafts", PKG + "shopify.PutShopifyErpShipping", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .serviceProperty("Business Central Connection", bc)
                .serviceProperty("Record Reader", orderReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Charge Line Type", "#{bc.freight.line.type}")
                .property("Charge Number", "#{bc.freight.number}")
                .property("Complete Draft Orders", "true")
                .property("Payment Pending", "true")
                .property("Order Without Freight Line", "RETRY")
                .schedule("TIMER_DRIVEN", "0 sec")
                .concurrentTasks(SHOPIFY_WRITER_TASKS)
                .autoTerminate("success")
                .comments("Reads the freight lines BC put on each approved draft's sales order and sets that price as the draft's "
                        + "shipping line before completing it (order editing when it was completed already). Other orders pass through.")
                .at(LANE, 4 * ROW);
        final Component tls = flow.service("Webhook listener TLS", "org.apache.nifi.ssl.StandardRestrictedSSLContextService", Bundle.SSL_CONTEXT,
                        "org.apache.nifi.ssl.RestrictedSSLContextService", Bundle.SERVICES_API)
                .property("Keystore Filename", "#{webhook.keystore.file}")
                .property("Keystore Type", "#{webhook.keystore.type}")
                .sensitiveProperty("Keystore Password", "webhook.keystore.password");
        final Component webhook = flow.processor("Listen for Shopify order webhooks (HTTPS)", "org.apache.nifi.processors.standard.ListenHTTP",
                        Bundle.STANDARD)
                .property("Listening Port", "#{webhook.listen.port}")
                .property("Base Path", "shopify/webhooks")
                .serviceProperty("SSL Context Service", tls)
                .property("client-authentication", "NONE")
                // ListenHTTP names each attribute after the header as sent, and matches this pattern case-sensitively
                .property("HTTP Headers to receive as Attributes (Regex)", "(?i)X-Shopify-.*")
                .schedule("TIMER_DRIVEN", "0 sec")
                .disabled()
                .comments("Enable to take orders in real time as Shopify posts orders/create webhooks to "
                        + "https://<host>:#{webhook.listen.port}/shopify/webhooks; the polling fetchers stay as the safety net.")
                .at(2 * LANE, 0);
        final Component verify = flow.processor("Verify webhook and map order", PKG + "shopify.ReceiveShopifyOrderWebhook", ecommerce)
                .sensitiveProperty("Webhook Secret", "shopify.webhook.secret")
                .property("HMAC Attribute", "X-Shopify-Hmac-Sha256")
                .property("Event ID Attribute", "X-Shopify-Event-Id")
                .property("Topic Attribute", "X-Shopify-Topic")
                .property("Shop Domain Attribute", "X-Shopify-Shop-Domain")
                .serviceProperty("Record Writer", orderWriter)
                .property("Release Policy", "DRAFT_REVIEW")
                .property("Approval Tag", "#{shopify.b2b.approval.tag}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("duplicate", "held")
                .comments("A delivery of an event already received (same X-Shopify-Event-Id) goes to duplicate, which ends here: "
                        + "the order was taken the first time. B2B orders go to held, which ends here too: they reach BC as approved drafts.")
                .disabled()
                .at(2 * LANE, ROW);
        final String notRead = flow.reviewPort("unread orders", -LANE, ROW / 5 - 10);
        final String refusedWebhooks = flow.reviewPort("bad webhooks", 3 * LANE, ROW + 40);
        final String refusedByBc = flow.reviewPort("BC refusals", portUnder(put) - LANE / 2, 2 * ROW + 500);
        final String notPriced = flow.reviewPort("carrier prices", portUnder(price), 4 * ROW + 500);
        flow.connect(b2c.id(), keyed.id(), List.of("success"), false);
        flow.connect(b2b.id(), keyed.id(), List.of("success"), false, List.of(bendUnder(b2b, keyed)));
        flow.connectKeyed(keyed.id(), put.id(), List.of("success"), List.of(bendUnder(keyed, put)));
        flow.connect(keyed.id(), notRead, List.of("failure"), false, List.of(new double[] {-LANE + PORT_WIDTH / 2, centerY(keyed)}));
        flow.connect(b2c.id(), notRead, List.of("failure"), false);
        flow.connect(b2b.id(), notRead, List.of("failure"), false, List.of(new double[] {centerX(b2b), -100}, new double[] {-LANE + 120, -100}));
        flow.connect(put.id(), put.id(), List.of("retry"), false, loopBelowLeft(put));
        flow.connect(put.id(), refusedByBc, List.of("failure"), false, List.of(new double[] {centerX(put) - LANE / 2, centerY(put)}));
        flow.connect(put.id(), price.id(), List.of("success"), false);
        flow.connect(price.id(), price.id(), List.of("retry"), false, loopBelowLeft(price));
        flow.connect(price.id(), notPriced, List.of("failure"), false);
        flow.connect(webhook.id(), verify.id(), List.of("success"), true);
        // straight across, its label in the gap before the B2B lane, clear of the B2B drafts' label at their bend
        flow.connect(verify.id(), keyed.id(), List.of("success"), false, List.of(new double[] {2 * LANE - (LANE - WIDTH) / 2, centerY(keyed)}));
        flow.connect(verify.id(), refusedWebhooks, List.of("failure"), false);
        flow.note("""
                Shopify orders to Business Central
                Both fetchers poll Shopify every minute (primary node): B2C orders at once; B2B orders as draft orders, tagged for the
                sales administration's review and sent once it tags them approved. Each order becomes one BC sales order, never two;
                the carrier price BC computes for a B2B order is put on its draft, which then becomes the customer's order.
                Optional real-time branch (disabled): Shopify posts orders/create webhooks over HTTPS to the listener (TLS from the
                'Webhook listener TLS' service and its keystore parameters); the signature is checked before the order goes on.
                Failures wait in front of the 'Review: ...' output ports with error.code and error.message: connect the ports to
                your own handling, or list the queue, fix the cause and move the FlowFiles back.""", -LANE, -440, NOTE_WIDTH);
        return flow;
    }

    /** Hourly stock from BC items and from the 3PL's EDI inventory reports, delta-only, with a nightly full resync. */
    public FlowDefinition stock() {
        final FlowDefinition flow = new FlowDefinition("Stock to Shopify",
                "Every hour, the stock of BC items and of the 3PL's EDI inventory reports (INVRPT, 846) is published to Shopify; "
                        + "only changed quantities are sent. Every night at 02:00 a full resync sends everything.");
        shopifyParameters(flow);
        bcParameters(flow);
        flow.parameter("shopify.location.default", "Shopify location (id or name) that BC stock is published to", false, "Entrepôt Paris");
        flow.parameter("edi.input.directory", "Directory where the 3PL drops its EDI stock files", false, "/data/3pl/stock");
        flow.parameter("edi.archive.directory", "Directory the 3PL's stock files are archived into once read (outside the input directory)",
                false, "/data/3pl/archive/stock");
        flow.parameter("edi.completion.strategy", ARCHIVE_STRATEGY, false, "Move File");
        flow.parameter("edi.warehouse.location", "Shopify location (id or name) of the 3PL's warehouse WH01 (LOC+18 in INVRPT; add a location.<code>"
                + " property to 'Publish 3PL stock' per other warehouse code)", false, "Entrepôt 3PL Lyon");

        final Component shopify = shopifyService(flow);
        final Component bc = bcService(flow);
        final Component itemWriter = jsonWriter(flow, "BC item writer");
        final Component itemReader = jsonReader(flow, "BC item reader");
        final Component ediReader = flow.service("EDI stock reader", PKG + "stock.EdiStockRecordReader", ecommerce, RECORD_READER_API, Bundle.SERVICES_API)
                .property("EDI Standard", "auto");
        final Component resultWriter = jsonWriter(flow, "Stock result writer");

        final Component items = flow.processor("Read BC items", PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Entity Set", "items")
                .property("Read Mode", "FULL")
                .property("Select", "number,inventory")
                .property("Page Size", "20000")
                .serviceProperty("Record Writer", itemWriter)
                .property("Run Schedule", "1 hour")
                .schedule("TIMER_DRIVEN", "30 sec")
                .primaryNodeOnly()
                .comments("Reads hourly (Run Schedule; " + HOURLY_CRON + " reads on the hour). Triggered every 30 s so that a failed read "
                        + "is retried within minutes; the next try is in its state and bulletin. Reads every item's inventory (a FlowField:"
                        + " postings move it without changing lastModifiedDateTime, so an incremental read would miss them); 20,000 per page"
                        + " is 1 request per 20,000 items, and Publish BC stock sends only what changed since the last run.")
                .at(LANE, 0);
        final Component publishBc = publishStock(flow, "Publish BC stock", shopify, itemReader, resultWriter)
                .property("SKU Field", "number")
                .property("Quantity Field", "inventory")
                .property("Default Location", "#{shopify.location.default}")
                .at(LANE, ROW);
        final Component listEdi = flow.processor("List 3PL stock files", "org.apache.nifi.processors.standard.ListFile", Bundle.STANDARD)
                .property("Input Directory", "#{edi.input.directory}")
                .property("File Filter", ".*\\.(edi|EDI|txt|x12)")
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(2 * LANE, 0);
        final Component fetchEdi = fetchAndArchive(flow, "Fetch and archive 3PL stock file", "edi").at(2 * LANE, ROW);
        final Component publishEdi = publishStock(flow, "Publish 3PL stock", shopify, ediReader, resultWriter)
                .property("SKU Field", "sku")
                .property("Quantity Field", "quantity")
                .property("Default Location", "#{edi.warehouse.location}")
                .property("location.WH01", "#{edi.warehouse.location}")
                .at(2 * LANE, 2 * ROW);
        final Component allItems = flow.processor("Read all BC items (nightly)", PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Entity Set", "items")
                .property("Read Mode", "FULL")
                .property("Select", "id,number,gtin,inventory,lastModifiedDateTime")
                .property("Page Size", "20000")
                .serviceProperty("Record Writer", itemWriter)
                .property("Run Schedule", "0 0 2 * * ?")
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(0, 0);
        final Component publishAll = publishStock(flow, "Publish all BC stock (nightly full resync)", shopify, itemReader, resultWriter)
                .property("SKU Field", "number")
                .property("Quantity Field", "inventory")
                .property("Default Location", "#{shopify.location.default}")
                .property("Full Resync", "true")
                .comments("Sends every quantity, changed or not, so that the shop converges even after edits made in Shopify by hand.")
                .at(0, ROW);
        final String notPublished = flow.reviewPort("stock not published", portUnder(publishBc), 3 * ROW + 50);
        final String notRead = flow.reviewPort("3PL files", 3 * LANE + 200, ROW + 40);
        flow.connect(items.id(), publishBc.id(), List.of("success"), true);
        flow.connect(listEdi.id(), fetchEdi.id(), List.of("success"), true);
        flow.connect(fetchEdi.id(), publishEdi.id(), List.of("success"), false);
        flow.connect(fetchEdi.id(), notRead, List.of("failure", "not.found", "permission.denied"), false);
        flow.connect(allItems.id(), publishAll.id(), List.of("success"), true);
        final double portY = 3 * ROW + 50 + PORT_HEIGHT / 2;
        for (final Component publish : List.of(publishBc, publishEdi, publishAll)) {
            flow.connect(publish.id(), publish.id(), List.of("retry"), false, loopRight(publish));
            flow.connect(publish.id(), notPublished, List.of("failure"), false,
                    publish == publishBc ? List.of() : List.of(new double[] {centerX(publish), portY}));
        }
        flow.note("""
                Stock to Shopify
                Hourly (primary node), BC items and the 3PL's EDI inventory reports (INVRPT, X12 846) are published to Shopify;
                only quantities that changed since the last publication are sent. At 02:00 every night, a full resync sends all.
                3PL files are moved into #{edi.archive.directory} as received, before parsing (parameter edi.completion.strategy).
                Failures wait in front of the 'Review: ...' output ports with error.code and error.message: connect the ports to
                your own handling, or list the queue, fix the cause and move the FlowFiles back.""", 0, -300, NOTE_WIDTH);
        return flow;
    }

    /**
     * The ERP as master of the shop's catalog: BC items to Shopify products and BC price lines to B2B catalogs, nightly.
     * Lane 1 is left for the companies step (BC customers to Shopify companies, locations and contacts, each location
     * given its price group's catalog), which runs between products and prices.
     */
    public FlowDefinition masterData() {
        final FlowDefinition flow = new FlowDefinition("ERP master data to Shopify",
                "Every night Business Central, the master, sends its items (with variants, GTIN, prices, blocked state) to Shopify "
                        + "products keyed by SKU, its B2B price lines to one catalog and price list per customer price group, and its "
                        + "B2B customers to Shopify companies in their catalogs. "
                        + "Only what changed since the last night is sent; blocked or deleted items are archived, never deleted.");
        shopifyParameters(flow);
        bcParameters(flow);
        flow.parameter("catalog.shopify.owned.fields", "Product fields the merchant edits in Shopify, set at creation only (TITLE, "
                + "DESCRIPTION, PRODUCT_TYPE, VENDOR, IMAGES, COLLECTIONS; empty: the ERP owns all)", false, "DESCRIPTION,IMAGES");
        flow.parameter("catalog.new.product.status", "Status of the products the flow creates: ACTIVE, or DRAFT to review them first", false, "ACTIVE");
        flow.parameter("catalog.category.target", "Where BC item categories go: PRODUCT_TYPE, COLLECTION (category.<code> properties) or NONE",
                false, "PRODUCT_TYPE");
        flow.parameter("bc.price.api.route", "Route of the bc-extension's catalog API pages (salesPriceLines, shopCustomers)", false, "/api/nifiEcommerce/catalog/v1.0");
        flow.parameter("prices.default.currency", "Currency of BC prices without one (the company's local currency)", false, "EUR");
        flow.parameter("prices.catalog.title.prefix", "Prefix of the Shopify B2B catalog titled after each BC customer price group", false, "BC ");
        flow.parameter("b2b.customer.filter", "OData filter of the BC customers that become Shopify B2B companies (BC's default "
                + "Contact Type is Company: narrow it when consumers are not set to Person)", false, "type eq 'Company' and blocked ne 'All'");
        flow.parameter("b2b.catalog.field", "Customer record field naming its price group, whose catalog its company location gets "
                + "(bc-extension's shopCustomers has customerPriceGroup; empty: locations get no catalog)", false, "customerPriceGroup");

        final Component shopify = shopifyService(flow);
        final Component bc = bcService(flow);
        final Component recordWriter = jsonWriter(flow, "BC record writer");
        final Component recordReader = jsonReader(flow, "BC record reader");
        final Component resultWriter = jsonWriter(flow, "Result writer");

        final Component items = flow.processor("Read BC items (nightly)", PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Entity Set", "items")
                .property("Read Mode", "FULL")
                .property("Expand", "itemVariants")
                .property("Page Size", "20000")
                .serviceProperty("Record Writer", recordWriter)
                .schedule("CRON_DRIVEN", NIGHTLY_ITEMS_CRON)
                .primaryNodeOnly()
                .comments("At 02:00 (CRON driven, primary node): every item with its variants, 20,000 per page. Reading all and "
                        + "comparing fingerprints catches what lastModifiedDateTime misses (variants, prices from price lists).")
                .at(0, 0);
        final Component products = flow.processor("Publish products", PKG + "catalog.PublishShopifyProducts", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .serviceProperty("Record Reader", recordReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Shopify-Owned Fields", "#{catalog.shopify.owned.fields}")
                .property("New Product Status", "#{catalog.new.product.status}")
                .property("Category Target", "#{catalog.category.target}")
                .serviceProperty("Picture Source", bc)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(0, ROW);
        final Component priceLines = flow.processor("Read BC price lines (nightly)", PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("API Route", "#{bc.price.api.route}")
                .property("Entity Set", "salesPriceLines")
                .property("Read Mode", "FULL")
                .property("Page Size", "20000")
                .serviceProperty("Record Writer", recordWriter)
                .schedule("CRON_DRIVEN", NIGHTLY_PRICES_CRON)
                .primaryNodeOnly()
                .comments("At 02:30 (CRON driven, primary node), after the products, so that every SKU priced exists in Shopify.")
                .at(2 * LANE, 0);
        final Component prices = flow.processor("Publish B2B prices", PKG + "catalog.PublishShopifyPriceLists", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .serviceProperty("Record Reader", recordReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Default Currency", "#{prices.default.currency}")
                .property("Catalog Title Prefix", "#{prices.catalog.title.prefix}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(2 * LANE, ROW);
        final Component customers = flow.processor("Read BC B2B customers (nightly)", PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("API Route", "#{bc.price.api.route}")
                .property("Entity Set", "shopCustomers")
                .property("Read Mode", "FULL")
                .property("Filter", "#{b2b.customer.filter}")
                .property("Page Size", "20000")
                .serviceProperty("Record Writer", recordWriter)
                .schedule("CRON_DRIVEN", NIGHTLY_COMPANIES_CRON)
                .primaryNodeOnly()
                .comments("At 03:00 (CRON driven, primary node), after the prices, so that the catalogs the locations join exist. bc-extension's "
                        + "shopCustomers: API v2.0 customers with their price group and default ship-to address.")
                .at(LANE, 0);
        final Component companies = flow.processor("Publish B2B companies", PKG + "company.PutShopifyCompanies", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .serviceProperty("Record Reader", recordReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Catalog Field", "#{b2b.catalog.field}")
                .property("Catalog Title Prefix", "#{prices.catalog.title.prefix}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .comments("Add payment-terms.<BC paymentTermsId> properties naming Shopify templates (Net 30...) for the terms to go across.")
                .at(LANE, ROW);
        final String companiesPort = flow.reviewPort("companies", portUnder(companies), 2 * ROW + 50);
        flow.connect(customers.id(), companies.id(), List.of("success"), true);
        flow.connect(companies.id(), companies.id(), List.of("retry"), false, loopRight(companies));
        flow.connect(companies.id(), companiesPort, List.of("failure"), false);
        final String productsPort = flow.reviewPort("products", portUnder(products), 2 * ROW + 50);
        final String pricesPort = flow.reviewPort("B2B prices", portUnder(prices), 2 * ROW + 50);
        flow.connect(items.id(), products.id(), List.of("success"), true);
        flow.connect(priceLines.id(), prices.id(), List.of("success"), true);
        for (final Component publish : List.of(products, prices)) {
            flow.connect(publish.id(), publish.id(), List.of("retry"), false, loopRight(publish));
        }
        flow.connect(products.id(), productsPort, List.of("failure"), false);
        flow.connect(prices.id(), pricesPort, List.of("failure"), false);
        flow.note("""
                ERP master data to Shopify
                Nightly (CRON driven, primary node): 02:00 BC items become Shopify products keyed by SKU, 02:30 BC price lines
                become fixed prices of one B2B catalog per customer price group (bc-extension page salesPriceLines). Only what
                changed since the last night is sent; blocked or deleted items are archived, never deleted; fields Shopify owns stay.
                03:00 the BC customers flagged for the shop (#{b2b.customer.filter}) become Shopify companies keyed by customer
                number, with a location (addresses, tax id, payment terms) in the catalog of its price group, and a main contact.
                Failures wait in front of the 'Review: ...' ports with error.code and error.message.""", 0, -300, NOTE_WIDTH);
        return flow;
    }

    /** Carrier and 3PL tracking feeds and BC shipments to Shopify fulfillments with tracking. */
    public FlowDefinition tracking() {
        return tracking(false);
    }

    /**
     * The same, the feeds listed and fetched on the carriers' or 3PL's SFTP server: in a cluster any node fetches a file the
     * primary listed, with no shared file system, and the feeds are archived on the server.
     */
    public FlowDefinition trackingOverSftp() {
        return tracking(true);
    }

    private FlowDefinition tracking(final boolean sftp) {
        final FlowDefinition flow = new FlowDefinition(sftp ? "Tracking to Shopify over SFTP" : "Tracking to Shopify",
                "Carrier and 3PL tracking feeds (IFTSTA, X12 214, La Poste, GLS, DPD, CSV)" + (sftp ? " read on an SFTP server" : "")
                        + " and BC shipments become Shopify fulfillments with tracking numbers, so the customer can follow the parcel.");
        shopifyParameters(flow);
        bcParameters(flow);
        if (sftp) {
            sftpParameters(flow);
        } else {
            flow.parameter("tracking.input.directory", "Directory where carrier and 3PL tracking feeds are dropped", false, "/data/carriers/tracking");
            flow.parameter("tracking.archive.directory", "Directory the tracking feeds are archived into once read (outside the input directory)",
                    false, "/data/carriers/archive");
        }
        flow.parameter("tracking.completion.strategy", ARCHIVE_STRATEGY, false, "Move File");
        flow.parameter("bc.tracking.api.route", "Route of the custom BC API page exposing shipment tracking numbers", false,
                "/api/contoso/logistics/v1.0");
        flow.parameter("bc.tracking.entity.set", "Entity set of that custom API page", false, "shipmentTrackings");
        flow.parameter("shopify.notify.customer", "Whether Shopify e-mails the customer when the fulfillment is created", false, "true");

        final Component shopify = shopifyService(flow);
        final Component bc = bcService(flow);
        final Component eventWriter = jsonWriter(flow, "Tracking event writer");
        final Component eventReader = jsonReader(flow, "Tracking event reader");
        final Component resultWriter = jsonWriter(flow, "Fulfillment result writer");

        final Component list = (sftp ? sftpServer(flow.processor("List tracking feeds on SFTP", "org.apache.nifi.processors.standard.ListSFTP",
                        Bundle.STANDARD)).property("Remote Path", "#{tracking.sftp.input.directory}")
                : flow.processor("List tracking feeds", "org.apache.nifi.processors.standard.ListFile", Bundle.STANDARD)
                        .property("Input Directory", "#{tracking.input.directory}"))
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(0, 0);
        final Component fetch = (sftp ? sftpServer(flow.processor("Fetch and archive tracking feed on SFTP", "org.apache.nifi.processors.standard.FetchSFTP",
                        Bundle.STANDARD))
                        .property("Remote File", "${path}/${filename}")
                        .property("Completion Strategy", "#{tracking.completion.strategy}")
                        .property("Move Destination Directory", "#{tracking.sftp.archive.directory}")
                        .property("Create Directory", "true")
                        .schedule("TIMER_DRIVEN", "0 sec")
                : fetchAndArchive(flow, "Fetch and archive tracking feed", "tracking")).at(0, ROW);
        final Component parse = flow.processor("Parse carrier tracking", PKG + "tracking.ParseCarrierTracking", ecommerce)
                .property("Input Format", "auto")
                .serviceProperty("Record Writer", eventWriter)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .at(0, 2 * ROW);
        final Component shipments = flow.processor("Read BC shipment tracking", PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("API Route", "#{bc.tracking.api.route}")
                .property("Entity Set", "#{bc.tracking.entity.set}")
                .serviceProperty("Record Writer", eventWriter)
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(LANE, 0);
        final Component fulfill = flow.processor("Create Shopify fulfillments", PKG + "shopify.PutShopifyFulfillment", ecommerce)
                .serviceProperty("Shopify Connection Service", shopify)
                .serviceProperty("Record Reader", eventReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Notify Customer", "#{shopify.notify.customer}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .concurrentTasks(SHOPIFY_WRITER_TASKS)
                .autoTerminate("success")
                .at(0, 3 * ROW);
        final Component keyed = orderBuckets(flow, "Group shipments by order", eventReader, eventWriter,
                "coalesce(/orderReference, /externalDocumentNumber)").at(LANE, 2 * ROW);
        final String notRead = flow.reviewPort("unread feeds", -LANE, ROW + 40);
        final String unread = flow.reviewPort("unread events", LANE + WIDTH + 300, 2 * ROW + 40);
        final String refused = flow.reviewPort("fulfillments", portUnder(fulfill), 3 * ROW + 350);
        flow.connect(list.id(), fetch.id(), List.of("success"), true);
        flow.connect(fetch.id(), parse.id(), List.of("success"), false);
        if (sftp) {
            // the server unreachable or a transfer cut: try the file again, it is still listed there
            flow.connect(fetch.id(), notRead, List.of("not.found", "permission.denied"), false);
            flow.connect(fetch.id(), fetch.id(), List.of("comms.failure"), false, loopRight(fetch));
        } else {
            flow.connect(fetch.id(), notRead, List.of("failure", "not.found", "permission.denied"), false);
        }
        flow.connect(parse.id(), keyed.id(), List.of("success"), false);
        flow.connect(parse.id(), notRead, List.of("failure"), false, List.of(new double[] {-LANE + PORT_WIDTH / 2, centerY(parse)}));
        flow.connect(shipments.id(), keyed.id(), List.of("success"), false);
        flow.connectKeyed(keyed.id(), fulfill.id(), List.of("success"), List.of(bendUnder(keyed, fulfill)));
        flow.connect(keyed.id(), unread, List.of("failure"), false);
        flow.connect(fulfill.id(), fulfill.id(), List.of("retry"), false, loopLeft(fulfill));
        flow.connect(fulfill.id(), refused, List.of("failure"), false);
        flow.note(sftp ? """
                Tracking to Shopify over SFTP
                Carrier and 3PL tracking feeds (EDIFACT IFTSTA, X12 214, La Poste, GLS, DPD, CSV) left in #{tracking.sftp.input.directory} on
                #{tracking.sftp.host} and the shipments BC publishes become Shopify fulfillments with their tracking numbers.
                The primary node lists the server; any node fetches: no shared storage. The server's key must be in #{tracking.sftp.known.hosts}.
                Feeds are moved into #{tracking.sftp.archive.directory} on the server as received, before parsing (tracking.completion.strategy).""" : """
                Tracking to Shopify
                Carrier and 3PL tracking feeds (EDIFACT IFTSTA, X12 214, La Poste, GLS, DPD, CSV) dropped in #{tracking.input.directory}
                and the shipments BC publishes become Shopify fulfillments with their tracking numbers.
                Feeds are moved into #{tracking.archive.directory} as received, before parsing (parameter tracking.completion.strategy).
                Failures wait in front of the 'Review: ...' output ports with error.code and error.message (a feed that could not be
                read: the connection's name says why): connect the ports to your own handling, or fix the cause and move them back.""",
                -LANE, -300, NOTE_WIDTH);
        return flow;
    }

    /**
     * Marketplace orders (a Mirakl marketplace's seller API, Amazon's Selling Partner API, and canonical order files) to BC sales
     * orders on each marketplace's customer, the marketplace's invoices and period settlements into BC, and shipments confirmed
     * back to the marketplace.
     */
    public FlowDefinition marketplace() {
        final FlowDefinition flow = new FlowDefinition("Marketplace orders to Business Central",
                "The orders of a marketplace run on Mirakl (Carrefour, Fnac Darty, Leroy Merlin, Boulanger, Decathlon...) are accepted when BC has "
                        + "the stock and become BC sales orders on the marketplace's customer exactly once, as do Amazon's orders (Selling "
                        + "Partner API, on Amazon's customer) and canonical order files (docs/canonical-order.md); the marketplace's commission invoices become purchase invoices and each period's "
                        + "settlement becomes balanced journal lines, once each; carrier tracking confirms the shipments on the marketplace. "
                        + "See docs/marketplaces.md.");
        bcParameters(flow);
        flow.parameter("mirakl.instance.url", "The marketplace operator's Mirakl instance, e.g. https://marketplace.example.mirakl.net", false,
                "https://marketplace.mirakl.net");
        flow.parameter("mirakl.api.key", "The shop's Mirakl API key (Mirakl back office, user settings, API key)", true, null);
        flow.parameter("mirakl.marketplace.code", "Short code of the marketplace: the orders' channel and the prefix of its document keys", false,
                "carrefour");
        flow.parameter("mirakl.initial.start.date", "Marketplace orders updated since this ISO-8601 date are taken at the first run", false,
                "2026-01-01T00:00:00Z");
        flow.parameter("mirakl.acceptance.policy", "BUSINESS_CENTRAL_STOCK (accept a line when BC has the item and the stock) or ACCEPT_ALL",
                false, "BUSINESS_CENTRAL_STOCK");
        flow.parameter("mirakl.settlement.period", "Length of a settlement period (10 days follows Mirakl's default billing cycle)", false, "10 days");
        flow.parameter("mirakl.settlement.start.date", "Start of the first settlement period, an ISO-8601 instant (midnight UTC names periods by day)",
                false, "2026-01-01T00:00:00Z");
        flow.parameter("mirakl.settlement.delay", "How long after its end a settlement period is summarised (the operator's late lines)", false, "1 hour");
        flow.parameter("mirakl.carrier.codes", "The marketplace's code of each carrier, e.g. colissimo=COLISSIMO,chronopost=CHRONOPOST; others go by name",
                false, "");
        flow.parameter("marketplace.input.directory", "Directory where canonical marketplace order files are dropped", false, "/data/marketplaces/orders");
        flow.parameter("marketplace.archive.directory", "Directory the order files are archived into once read (outside the input directory)",
                false, "/data/marketplaces/archive");
        flow.parameter("marketplace.completion.strategy", ARCHIVE_STRATEGY, false, "Move File");
        flow.parameter("marketplace.tracking.input.directory", "Directory where the carriers' tracking feeds of marketplace parcels are dropped",
                false, "/data/marketplaces/tracking");
        flow.parameter("marketplace.tracking.archive.directory", "Directory the tracking feeds are archived into once read (outside the input directory)",
                false, "/data/marketplaces/tracking-archive");
        flow.parameter("marketplace.tracking.completion.strategy", ARCHIVE_STRATEGY, false, "Move File");
        flow.parameter("bc.marketplace.customer", "BC customer number the marketplace's orders are booked on", false, "MARKETPLACE");
        flow.parameter("bc.marketplace.vendor", "BC vendor number of the marketplace operator, who invoices its commissions", false, "MARKETPLACE");
        flow.parameter("bc.marketplace.commission.account", "G/L account of the marketplace's commission and fee invoices", false, "6226");
        flow.parameter("bc.marketplace.clearing.account", "G/L account of what stays on the marketplace balance at a period's end", false, "4678");
        flow.parameter("bc.bank.account", "BC bank account number the marketplace pays out to", false, "BANK");
        flow.parameter("bc.marketplace.journal", "Code of the general journal the settlement lines go to, for review and posting", false, "MARKETPL");
        flow.parameter("bc.shipping.account", "G/L account (or charge item) number shipping lines are booked on", false, "7190");
        flow.parameter("bc.channel.dimension", "BC dimension whose value is the order's channel (the marketplace's code, upper case)", false, "CANAL");
        flow.parameter("amazon.endpoint", "Selling Partner API endpoint of the seller's region", false, "https://sellingpartnerapi-eu.amazon.com");
        flow.parameter("amazon.lwa.endpoint", "Login with Amazon's token endpoint", false, "https://api.amazon.com/auth/o2/token");
        flow.parameter("amazon.client.id", "LWA client identifier of the SP-API application (amzn1.application-oa2-client...)", false,
                "amzn1.application-oa2-client.example");
        flow.parameter("amazon.client.secret", "LWA client secret of the SP-API application", true, null);
        flow.parameter("amazon.refresh.token", "LWA refresh token the seller granted the application (Atzr...)", true, null);
        flow.parameter("amazon.marketplace.ids", "Amazon marketplace ids read, comma-separated (A13V1IB3VIYZZH: Amazon.fr)", false, "A13V1IB3VIYZZH");
        flow.parameter("amazon.channel.code", "Channel of Amazon's orders: its upper-cased value is the channel dimension's value", false, "amazon");
        flow.parameter("amazon.initial.start.date", "Amazon orders updated and settlement reports created since this ISO-8601 date are taken at the first run", false,
                "2026-01-01T00:00:00Z");
        flow.parameter("bc.amazon.customer", "BC customer number Amazon's orders are booked on", false, "MKT-AMAZON");
        flow.parameter("amazon.carrier.codes", "Amazon's carrier code of carriers the bundle does not map itself, e.g. mondial_relay=Mondial Relay; "
                + "others go as Other with their name", false, "");

        // wider lanes than the other flows: review ports sit beside the marketplace reader, clear of its connection labels
        final double lane = 1000;
        final Component bc = bcService(flow);
        final Component mirakl = flow.service("Mirakl connection", PKG + "mirakl.StandardMiraklConnectionService", ecommerce,
                        PKG + "mirakl.MiraklConnectionService", ecommerce)
                .property("Instance URL", "#{mirakl.instance.url}")
                .sensitiveProperty("API Key", "mirakl.api.key")
                .property("Marketplace Code", "#{mirakl.marketplace.code}");
        final Component amazon = flow.service("Amazon connection", PKG + "amazon.StandardAmazonConnectionService", ecommerce,
                        PKG + "amazon.AmazonConnectionService", ecommerce)
                .property("Endpoint", "#{amazon.endpoint}")
                .property("LWA Endpoint", "#{amazon.lwa.endpoint}")
                .property("LWA Client ID", "#{amazon.client.id}")
                .sensitiveProperty("LWA Client Secret", "amazon.client.secret")
                .sensitiveProperty("Refresh Token", "amazon.refresh.token")
                .property("Marketplace IDs", "#{amazon.marketplace.ids}")
                .property("Channel Code", "#{amazon.channel.code}");
        final Component orderReader = jsonReader(flow, "Marketplace order reader");
        final Component orderWriter = jsonWriter(flow, "Marketplace order writer");
        final Component resultWriter = jsonWriter(flow, "Order result writer");
        final Component resultReader = jsonReader(flow, "Order result reader");
        final Component trackingWriter = jsonWriter(flow, "Tracking event writer");
        final Component trackingReader = jsonReader(flow, "Tracking event reader");

        // lane 1: canonical order files, and the one sales order writer of the flow
        final Component list = flow.processor("List marketplace files", "org.apache.nifi.processors.standard.ListFile", Bundle.STANDARD)
                .property("Input Directory", "#{marketplace.input.directory}")
                .property("File Filter", ".*\\.json")
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(0, 0);
        final Component fetch = fetchAndArchive(flow, "Fetch and archive marketplace file", "marketplace").at(0, ROW);
        final Component put = salesOrders(flow, "Create marketplace sales orders", bc, orderReader, resultWriter,
                "#{bc.marketplace.customer}").at(0, 2 * ROW);
        final Component channel = flow.processor("Set the channel dimension", PKG + "businesscentral.PutBusinessCentralDimension", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .serviceProperty("Record Reader", resultReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Dimension Code", "#{bc.channel.dimension}")
                .property("Value Field", "channel")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(-LANE, 2 * ROW);
        // lane 2: the marketplace's orders, accepted by stock
        final Component fetchMirakl = flow.processor("Fetch marketplace orders", PKG + "mirakl.FetchMiraklOrders", ecommerce)
                .serviceProperty("Mirakl Connection", mirakl)
                .serviceProperty("Record Writer", orderWriter)
                .property("Acceptance Policy", "#{mirakl.acceptance.policy}")
                .serviceProperty("Business Central Connection", bc)
                .property("Initial Start Date", "#{mirakl.initial.start.date}")
                .schedule("TIMER_DRIVEN", "5 min")
                .primaryNodeOnly()
                .at(lane, 0);
        // left of the channel dimension, far enough for the connection labels to clear its retry loop: Amazon's orders, on Amazon's customer
        final Component fetchAmazon = flow.processor("Fetch Amazon orders", PKG + "amazon.FetchAmazonOrders", ecommerce)
                .serviceProperty("Amazon Connection", amazon)
                .serviceProperty("Record Writer", orderWriter)
                .property("Initial Start Date", "#{amazon.initial.start.date}")
                .schedule("TIMER_DRIVEN", "2 min")
                .primaryNodeOnly()
                .at(AMAZON_X, 0);
        final Component putAmazon = salesOrders(flow, "Create Amazon sales orders", bc, orderReader, resultWriter,
                "#{bc.amazon.customer}").at(AMAZON_X, 2 * ROW);
        // lane 3: invoices and settlements
        final Component summarise = flow.processor("Summarise marketplace periods", PKG + "mirakl.FetchMiraklSettlement", ecommerce)
                .serviceProperty("Mirakl Connection", mirakl)
                .property("Initial Start Date", "#{mirakl.settlement.start.date}")
                .property("Period", "#{mirakl.settlement.period}")
                .property("Settlement Delay", "#{mirakl.settlement.delay}")
                // a run calls Mirakl only once a period has closed: until then it reads the clock
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(2 * lane, 0);
        final Component book = flow.processor("Book invoices and settlements in BC", PKG + "mirakl.PutBusinessCentralMarketplaceSettlement", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Marketplace Customer", "#{bc.marketplace.customer}")
                .property("Marketplace Vendor", "#{bc.marketplace.vendor}")
                .property("Commission Account", "#{bc.marketplace.commission.account}")
                .property("Bank Account", "#{bc.bank.account}")
                .property("Clearing Account", "#{bc.marketplace.clearing.account}")
                .property("Journal", "#{bc.marketplace.journal}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(2 * lane, ROW);
        // lane 4: shipments confirmed on the marketplace from the carriers' tracking
        final Component listTracking = flow.processor("List marketplace tracking feeds", "org.apache.nifi.processors.standard.ListFile", Bundle.STANDARD)
                .property("Input Directory", "#{marketplace.tracking.input.directory}")
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly()
                .at(3 * lane, 0);
        final Component fetchTracking = fetchAndArchive(flow, "Fetch and archive marketplace tracking feed", "marketplace.tracking").at(3 * lane, ROW);
        final Component parse = flow.processor("Parse marketplace tracking", PKG + "tracking.ParseCarrierTracking", ecommerce)
                .property("Input Format", "auto")
                .serviceProperty("Record Writer", trackingWriter)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .at(3 * lane, 2 * ROW);
        // the parcels of Amazon orders are confirmed on Amazon; the others pass on to the Mirakl marketplace
        final Component keyedParcels = orderBuckets(flow, "Group marketplace parcels by order", trackingReader, trackingWriter, "/orderReference")
                .at(3 * lane, 3 * ROW);
        final Component confirmAmazon = flow.processor("Confirm Amazon shipments", PKG + "amazon.ConfirmAmazonShipment", ecommerce)
                .serviceProperty("Amazon Connection", amazon)
                .serviceProperty("Record Reader", trackingReader)
                .serviceProperty("Record Writer", trackingWriter)
                .property("Carrier Codes", "#{amazon.carrier.codes}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(3 * lane, 4 * ROW);
        final Component confirm = flow.processor("Confirm marketplace shipments", PKG + "mirakl.PutMiraklShipment", ecommerce)
                .serviceProperty("Mirakl Connection", mirakl)
                .serviceProperty("Record Reader", trackingReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Carrier Codes", "#{mirakl.carrier.codes}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success")
                .at(3 * lane, 5 * ROW);

        final Component keyed = orderBuckets(flow, "Group marketplace orders by order", orderReader, orderWriter, "/sourceId").at(lane, ROW);
        final Component keyedAmazon = orderBuckets(flow, "Group Amazon orders by order", orderReader, orderWriter, "/sourceId").at(AMAZON_X, ROW);
        final String notRead = flow.reviewPort("unread files", -LANE, ROW + 40);
        final String refused = flow.reviewPort("BC refusals", portUnder(put), 2 * ROW + 350);
        final String dimensions = flow.reviewPort("channel dimensions", portUnder(channel), 2 * ROW + 350);
        final String decisions = flow.reviewPort("acceptance decisions", 440, 40);
        final String unmapped = flow.reviewPort("unmapped marketplace orders", lane + WIDTH + 318, 40);
        final String settlements = flow.reviewPort("settlements", portUnder(book), ROW + 350);
        final String unreadTracking = flow.reviewPort("unread tracking feeds", 3 * lane + WIDTH + 400, ROW + 40);
        final String shipments = flow.reviewPort("shipments", portUnder(confirm), 5 * ROW + 350);
        final String amazonShipments = flow.reviewPort("Amazon shipments", 3 * lane + WIDTH + 400, 4 * ROW + 40);
        final String unmappedAmazon = flow.reviewPort("unmapped Amazon orders", AMAZON_X + WIDTH + 300, centerY(fetchAmazon) - PORT_HEIGHT / 2);
        final String refusedAmazon = flow.reviewPort("BC refusals of Amazon orders", portUnder(putAmazon), 2 * ROW + 350);
        flow.connect(fetchAmazon.id(), keyedAmazon.id(), List.of("success"), false);
        flow.connect(fetchAmazon.id(), unmappedAmazon, List.of("failure"), false);
        flow.connectKeyed(keyedAmazon.id(), putAmazon.id(), List.of("success"), List.of());
        flow.connect(keyedAmazon.id(), unmappedAmazon, List.of("failure"), false,
                List.of(new double[] {AMAZON_X + WIDTH + 300 + PORT_WIDTH / 2, centerY(keyedAmazon)}));
        flow.connect(putAmazon.id(), putAmazon.id(), List.of("retry"), false, loopLeft(putAmazon));
        flow.connect(putAmazon.id(), refusedAmazon, List.of("failure"), false);
        flow.connect(putAmazon.id(), channel.id(), List.of("success"), false);
        flow.connect(list.id(), fetch.id(), List.of("success"), true);
        flow.connect(fetch.id(), keyed.id(), List.of("success"), false);
        flow.connect(fetch.id(), notRead, List.of("failure", "not.found", "permission.denied"), false);
        flow.connect(fetchMirakl.id(), keyed.id(), List.of("success"), false);
        flow.connect(fetchMirakl.id(), decisions, List.of("acceptance"), false);
        flow.connect(fetchMirakl.id(), unmapped, List.of("failure"), false);
        flow.connectKeyed(keyed.id(), put.id(), List.of("success"), List.of(bendUnder(keyed, put)));
        flow.connect(keyed.id(), unmapped, List.of("failure"), false, List.of(new double[] {lane + WIDTH + 318 + PORT_WIDTH / 2, centerY(keyed)}));
        flow.connect(put.id(), put.id(), List.of("retry"), false, loopRight(put));
        flow.connect(put.id(), refused, List.of("failure"), false);
        flow.connect(put.id(), channel.id(), List.of("success"), false);
        flow.connect(channel.id(), channel.id(), List.of("retry"), false, loopLeft(channel));
        flow.connect(channel.id(), dimensions, List.of("failure"), false);
        flow.connect(summarise.id(), book.id(), List.of("success"), true);
        flow.connect(book.id(), book.id(), List.of("retry"), false, loopRight(book));
        flow.connect(book.id(), settlements, List.of("failure"), false);
        flow.connect(listTracking.id(), fetchTracking.id(), List.of("success"), true);
        flow.connect(fetchTracking.id(), parse.id(), List.of("success"), false);
        flow.connect(fetchTracking.id(), unreadTracking, List.of("failure", "not.found", "permission.denied"), false);
        flow.connect(parse.id(), keyedParcels.id(), List.of("success"), false);
        flow.connectKeyed(keyedParcels.id(), confirmAmazon.id(), List.of("success"), List.of());
        flow.connect(keyedParcels.id(), unreadTracking, List.of("failure"), false,
                List.of(new double[] {3 * lane + WIDTH + 400 + PORT_WIDTH / 2, centerY(keyedParcels)}));
        flow.connect(confirmAmazon.id(), confirmAmazon.id(), List.of("retry"), false, loopLeft(confirmAmazon));
        flow.connect(confirmAmazon.id(), amazonShipments, List.of("failure"), false);
        flow.connect(confirmAmazon.id(), confirm.id(), List.of("other"), false);
        flow.connect(parse.id(), unreadTracking, List.of("failure"), false,
                List.of(new double[] {3 * lane + WIDTH + 400 + PORT_WIDTH / 2, centerY(parse)}));
        flow.connect(confirm.id(), confirm.id(), List.of("retry"), false, loopRight(confirm));
        flow.connect(confirm.id(), shipments, List.of("failure"), false);
        AmazonSettlementLane.add(this, flow, bc, amazon, AMAZON_X - 2 * LANE);
        flow.note("""
                Marketplace orders to Business Central
                Every 5 minutes the marketplace's orders (Mirakl seller API) are read: lines waiting for acceptance are accepted when
                BC has the item and the stock, refused otherwise (see 'Review: acceptance decisions'); debited orders become BC sales
                orders on #{bc.marketplace.customer} with their channel in dimension #{bc.channel.dimension}, once each, as do
                canonical order files dropped in #{marketplace.input.directory}. Amazon's orders (Selling Partner API) become sales
                orders on #{bc.amazon.customer} once their payment is authorised; cancelled ones delete their open sales order.
                Each closed period, the operator's invoices become purchase invoices from #{bc.marketplace.vendor} and the payout becomes
                balanced lines in journal #{bc.marketplace.journal}; so do Amazon's settlement reports dropped in
                #{amazon.settlement.input.directory}, once their amounts add up to their total. Tracking feeds of marketplace parcels
                confirm the shipments on Amazon (confirmShipment) or on the Mirakl marketplace. Files are archived as received. Failures wait at the 'Review: ...' ports with error.code and error.message.""",
                -LANE, -300, NOTE_WIDTH);
        return flow;
    }

    /** Where each order stands in BC (number; created, released, shipped, invoiced), written on the Shopify order. */
    public FlowDefinition erpStatus() {
        final FlowDefinition flow = new FlowDefinition("ERP status to Shopify",
                "Every minute, the sales orders, shipments and invoices BC changed are read, and each Shopify order shows its BC order "
                        + "number and state (metafields erp.bc_order_number and erp.status, tag erp:<state>).");
        shopifyParameters(flow);
        bcParameters(flow);
        final Component shopify = shopifyService(flow);
        final Component bc = bcService(flow);
        final Component documentWriter = jsonWriter(flow, "BC document writer");
        final Component documentReader = jsonReader(flow, "BC document reader");
        final Component resultWriter = jsonWriter(flow, "Status result writer");
        final Component orders = readDocuments(flow, "Read changed BC sales orders", bc, documentWriter, "salesOrders",
                "id,number,externalDocumentNumber,status,fullyShipped,lastModifiedDateTime").at(0, 0);
        final Component shipments = readDocuments(flow, "Read changed BC shipments", bc, documentWriter, "salesShipments",
                "id,number,orderNumber,externalDocumentNumber,lastModifiedDateTime").at(LANE, 0);
        final Component invoices = readDocuments(flow, "Read changed BC invoices", bc, documentWriter, "salesInvoices",
                "id,number,orderNumber,externalDocumentNumber,lastModifiedDateTime").at(2 * LANE, 0);
        // an order's status is read, then written only if later: two tasks (or nodes) writing one order at once could move it back
        final Component keyed = orderBuckets(flow, "Group documents by order", documentReader, documentWriter, "/externalDocumentNumber")
                .at(LANE, ROW);
        final Component put = flow.processor("Write ERP status on Shopify orders", PKG + "shopify.PutShopifyErpStatus", ecommerce)
                .serviceProperty("Shopify Connection Service", shopify)
                .serviceProperty("Record Reader", documentReader)
                .serviceProperty("Record Writer", resultWriter)
                .schedule("TIMER_DRIVEN", "0 sec")
                .concurrentTasks(SHOPIFY_WRITER_TASKS)
                .autoTerminate("success")
                .at(LANE, 2 * ROW);
        final String refused = flow.reviewPort("status refusals", portUnder(put), 2 * ROW + 500);
        final String unread = flow.reviewPort("unread documents", LANE + WIDTH + 300, ROW + 40);
        flow.connect(orders.id(), keyed.id(), List.of("success"), false, List.of(bendUnder(orders, keyed)));
        flow.connect(shipments.id(), keyed.id(), List.of("success"), false);
        // into the top of the step, with the shipments: its right side is the way to the review port
        flow.connect(invoices.id(), keyed.id(), List.of("success"), false,
                List.of(new double[] {centerX(invoices), ROW - 50}, new double[] {centerX(keyed), ROW - 50}));
        flow.connectKeyed(keyed.id(), put.id(), List.of("success"), List.of());
        flow.connect(keyed.id(), unread, List.of("failure"), false);
        flow.connect(put.id(), put.id(), List.of("retry"), false, loopBelowLeft(put));
        flow.connect(put.id(), refused, List.of("failure"), false);
        flow.note("""
                ERP status to Shopify
                Three readers take, every minute (primary node), the BC sales orders, shipments and invoices changed since their last
                run. Each Shopify order named by a document's external document number shows its BC order number and state, as
                metafields erp.bc_order_number and erp.status and a tag erp:created/released/shipped/invoiced; an order already at a
                later state is left alone. Documents are grouped by order first, so no two tasks or nodes write one order at once.
                Refusals wait in front of 'Review: status refusals' with error.code and error.message.""",
                -LANE, -440, NOTE_WIDTH);
        return flow;
    }

    private Component readDocuments(final FlowDefinition flow, final String name, final Component bc, final Component writer,
                                    final String entitySet, final String select) {
        return flow.processor(name, PKG + "businesscentral.GetBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Entity Set", entitySet)
                .property("Read Mode", "INCREMENTAL")
                .property("Select", select)
                .serviceProperty("Record Writer", writer)
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly();
    }

    /** Shopify refunds and returns to BC sales credit memos, once each, against the order's invoice. */
    public FlowDefinition refunds() {
        final FlowDefinition flow = new FlowDefinition("Shopify refunds to Business Central",
                "Every Shopify refund of an order Business Central invoiced becomes one BC sales credit memo, applied to that invoice; "
                        + "restocked units reach stock when BC posts it.");
        shopifyParameters(flow);
        flow.parameter("shopify.initial.start.date", "Refunded orders updated since this ISO-8601 date are read at the first run", false,
                "2026-01-01T00:00:00Z");
        bcParameters(flow);
        flow.parameter("bc.shipping.account", "G/L account (or charge item) number shipping lines are booked on, as in the orders flow",
                false, "7190");

        final Component shopify = shopifyService(flow);
        final Component bc = bcService(flow);
        final Component orderWriter = jsonWriter(flow, "Canonical order writer");
        final Component orderReader = jsonReader(flow, "Canonical order reader");
        final Component refundWriter = jsonWriter(flow, "Refund writer");
        final Component refundReader = jsonReader(flow, "Refund reader");
        final Component resultWriter = jsonWriter(flow, "Credit memo result writer");
        final Component refunded = fetchOrders(flow, "Fetch refunded orders", shopify, orderWriter, "ALL", "financial_status:refunded").at(0, 0);
        final Component partly = fetchOrders(flow, "Fetch partly refunded orders", shopify, orderWriter, "ALL",
                "financial_status:partially_refunded").at(LANE, 0);
        final Component read = flow.processor("Read their refunds", PKG + "shopify.GetShopifyRefunds", ecommerce)
                .serviceProperty("Shopify Connection Service", shopify)
                .serviceProperty("Record Reader", orderReader)
                .serviceProperty("Record Writer", refundWriter)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .at(0, 2 * ROW);
        final Component credit = flow.processor("Create credit memos in Business Central", PKG + "businesscentral.PutBusinessCentralCreditMemo",
                        ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .serviceProperty("Record Reader", refundReader)
                .serviceProperty("Record Writer", resultWriter)
                .property("Shipping Line Type", "Account")
                .property("Shipping Line Number", "#{bc.shipping.account}")
                .property("Price Basis", "EXCLUDING_TAX")
                .schedule("TIMER_DRIVEN", "0 sec")
                .concurrentTasks(BC_WRITER_TASKS)
                .autoTerminate("success")
                .at(0, 4 * ROW);
        final String notRead = flow.reviewPort("unread orders", -LANE, ROW / 5 - 10);
        final Component keyed = orderBuckets(flow, "Group refunds by order", refundReader, refundWriter, "/orderSourceId").at(0, 3 * ROW);
        final String refundsNotRead = flow.reviewPort("unread refunds", -LANE, 2 * ROW + 40);
        final String refused = flow.reviewPort("BC refusals", portUnder(credit), 4 * ROW + 350);
        flow.connect(refunded.id(), read.id(), List.of("success"), true);
        flow.connect(partly.id(), read.id(), List.of("success"), true, List.of(bendUnder(partly, read)));
        flow.connect(refunded.id(), notRead, List.of("failure"), false);
        flow.connect(partly.id(), notRead, List.of("failure"), false, List.of(new double[] {centerX(partly), -100}, new double[] {-LANE + 120, -100}));
        flow.connect(read.id(), refundsNotRead, List.of("failure"), false);
        flow.connect(read.id(), keyed.id(), List.of("refunds"), false);
        flow.connectKeyed(keyed.id(), credit.id(), List.of("success"), List.of());
        flow.connect(keyed.id(), refundsNotRead, List.of("failure"), false, List.of(new double[] {-LANE + PORT_WIDTH / 2, centerY(keyed)}));
        flow.connect(credit.id(), credit.id(), List.of("retry"), false, loopRight(credit));
        flow.connect(credit.id(), refused, List.of("failure"), false);
        flow.note("""
                Shopify refunds to Business Central
                Both fetchers poll Shopify every minute (primary node) for refunded orders changed since their last run; their refunds
                (lines with restock type, shipping) become BC sales credit memos, one per refund (external document number
                REFUND-<refund id>), applied to the order's invoice. Refunds of orders BC never had (cancelled before) credit nothing;
                refunds of orders BC has not invoiced yet wait in 'Review: BC refusals' (REFUND_BEFORE_INVOICE): reduce the sales order.
                Failures wait in front of the 'Review: ...' output ports with error.code and error.message.""", -LANE, -440, NOTE_WIDTH);
        return flow;
    }

    /**
     * A B2B site asks Business Central, in real time, over mutual TLS: a cart's price and availability, a customer's open
     * orders and open invoices. Answers are cached briefly; a refused question is answered 400, an unavailable BC 502.
     */
    public FlowDefinition erpOnDemand() {
        final FlowDefinition flow = new FlowDefinition("ERP data on demand",
                "Serves a B2B site Business Central data in real time over HTTPS with client certificates: price and availability of a "
                        + "cart's items, a customer's open orders and open invoices, each answer cached for a few seconds.");
        bcParameters(flow);
        flow.parameter("erp.listen.port", "HTTPS port the B2B site's backend calls (GET /erp/items?skus=A,B, /erp/orders?customer=C, "
                + "/erp/invoices?customer=C)", false, "9444");
        flow.parameter("erp.listener.keystore.file", "Keystore with the listener's TLS certificate and private key", false,
                "/opt/nifi/conf/erp-listener-keystore.p12");
        flow.parameter("erp.listener.keystore.type", "Type of that keystore: PKCS12 or JKS", false, "PKCS12");
        flow.parameter("erp.listener.keystore.password", "Password of that keystore (and of its key)", true, null);
        flow.parameter("erp.listener.truststore.file", "Truststore holding the certificate (or CA) of the site's backend: only its "
                + "requests are answered", false, "/opt/nifi/conf/erp-listener-truststore.p12");
        flow.parameter("erp.listener.truststore.type", "Type of that truststore: PKCS12 or JKS", false, "PKCS12");
        flow.parameter("erp.listener.truststore.password", "Password of that truststore", true, null);
        flow.parameter("erp.items.cache.ttl", "How long a cart's price and availability answer is reused (inventory moves with each posting)",
                false, "10 sec");
        flow.parameter("erp.documents.cache.ttl", "How long a customer's open orders and invoices answer is reused", false, "60 sec");

        final Component bc = bcService(flow);
        final Component contextMap = flow.service("ERP request context map", "org.apache.nifi.http.StandardHttpContextMap", Bundle.HTTP_CONTEXT_MAP,
                        "org.apache.nifi.http.HttpContextMap", Bundle.SERVICES_API)
                .property("Maximum Outstanding Requests", "200")
                .property("Request Expiration", "30 sec");
        final Component tls = flow.service("ERP listener TLS", "org.apache.nifi.ssl.StandardRestrictedSSLContextService", Bundle.SSL_CONTEXT,
                        "org.apache.nifi.ssl.RestrictedSSLContextService", Bundle.SERVICES_API)
                .property("Keystore Filename", "#{erp.listener.keystore.file}")
                .property("Keystore Type", "#{erp.listener.keystore.type}")
                .sensitiveProperty("Keystore Password", "erp.listener.keystore.password")
                .property("Truststore Filename", "#{erp.listener.truststore.file}")
                .property("Truststore Type", "#{erp.listener.truststore.type}")
                .sensitiveProperty("Truststore Password", "erp.listener.truststore.password");

        final Component receive = flow.processor("Receive ERP questions (HTTPS)", "org.apache.nifi.processors.standard.HandleHttpRequest", Bundle.STANDARD)
                .property("Listening Port", "#{erp.listen.port}")
                .serviceProperty("SSL Context Service", tls)
                .property("Client Authentication", "Need Authentication")
                .serviceProperty("HTTP Context Map", contextMap)
                .property("Allowed Paths", "/erp/(items|orders|invoices)")
                .property("Allow GET", "true")
                .property("Allow POST", "false")
                .property("Allow PUT", "false")
                .property("Allow DELETE", "false")
                .property("Allow HEAD", "false")
                .property("Allow OPTIONS", "false")
                .schedule("TIMER_DRIVEN", "0 sec")
                .comments("Runs on every node: put the nodes behind the load balancer the site calls. Only clients whose certificate "
                        + "the truststore holds are answered; other paths get 404, other methods 405.")
                .at(LANE, 0);
        final Component route = flow.processor("Route by question", "org.apache.nifi.processors.standard.RouteOnAttribute", Bundle.STANDARD)
                .property("Routing Strategy", "Route to Property name")
                .property("items", "${http.request.uri:equals('/erp/items')}")
                .property("orders", "${http.request.uri:equals('/erp/orders')}")
                .property("invoices", "${http.request.uri:equals('/erp/invoices')}")
                .schedule("TIMER_DRIVEN", "0 sec")
                .at(LANE, ROW);
        final Component items = askBc(flow, "Price and availability of the cart", bc, "items", "number", "${http.query.param.skus}", null,
                "number,displayName,unitPrice,inventory,baseUnitOfMeasureCode", null, "#{erp.items.cache.ttl}").at(0, 2 * ROW);
        final Component orders = askBc(flow, "Open orders of the customer", bc, "salesOrders", "customerNumber", "${http.query.param.customer}", null,
                "number,externalDocumentNumber,orderDate,requestedDeliveryDate,status,fullyShipped,totalAmountIncludingTax,currencyCode",
                "orderDate desc", "#{erp.documents.cache.ttl}").at(LANE, 2 * ROW);
        final Component invoices = askBc(flow, "Open invoices of the customer", bc, "salesInvoices", "customerNumber", "${http.query.param.customer}",
                "status eq 'Open'", "number,orderNumber,externalDocumentNumber,invoiceDate,dueDate,status,totalAmountIncludingTax,remainingAmount,currencyCode",
                "dueDate asc", "#{erp.documents.cache.ttl}").at(2 * LANE, 2 * ROW);
        // HandleHttpResponse sends each dynamic property as a response header
        final Component answer = respond(flow, "Answer (200, or 404 when nothing matched)", contextMap,
                "${bc.record.count:replaceNull('0'):equals('0'):ifElse('404','200')}")
                .property("Content-Type", "application/json")
                .at(LANE / 2, 3 * ROW);
        final Component refuse = respond(flow, "Refuse (400 bad question, 502 BC unavailable)", contextMap,
                "${error.code:equals('INVALID_QUERY'):ifElse('400','502')}")
                .property("X-Error-Code", "${error.code}")
                .at(3 * LANE / 2, 4 * ROW);
        final String unanswered = flow.reviewPort("unanswered", portUnder(answer), 5 * ROW);

        flow.connect(receive.id(), route.id(), List.of("success"), false);
        flow.connect(route.id(), items.id(), List.of("items"), false, List.of(new double[] {centerX(items), centerY(route)}));
        flow.connect(route.id(), orders.id(), List.of("orders"), false);
        flow.connect(route.id(), invoices.id(), List.of("invoices"), false, List.of(new double[] {centerX(invoices), centerY(route)}));
        flow.connect(route.id(), answer.id(), List.of("unmatched"), false, List.of(new double[] {centerX(answer), centerY(route)}));
        for (final Component ask : List.of(items, orders, invoices)) {
            flow.connect(ask.id(), answer.id(), List.of("success", "unmatched"), false, List.of(bendUnder(ask, answer)));
            flow.connect(ask.id(), refuse.id(), List.of("failure", "retry"), false, List.of(bendUnder(ask, refuse)));
        }
        flow.connect(answer.id(), unanswered, List.of("failure"), false);
        flow.connect(refuse.id(), unanswered, List.of("failure"), false,
                List.of(new double[] {centerX(refuse), 5 * ROW + PORT_HEIGHT / 2}));
        flow.note("""
                ERP data on demand
                The B2B site's backend asks Business Central in real time over HTTPS with its client certificate (port #{erp.listen.port}):
                GET /erp/items?skus=A,B (price and inventory), /erp/orders?customer=C (open orders), /erp/invoices?customer=C (open invoices).
                Each answer is a JSON array, cached #{erp.items.cache.ttl} (items) or #{erp.documents.cache.ttl} (orders, invoices); every BC
                request goes through the connection's shared governor. 404: nothing matched; 400: a question without its key; 502: BC
                could not answer. Answers the client did not wait for wait in front of 'Review: unanswered'.""", 0, -300, NOTE_WIDTH);
        return flow;
    }

    private Component askBc(final FlowDefinition flow, final String name, final Component bc, final String entitySet, final String keyField,
                            final String keyValues, final String filter, final String select, final String orderBy, final String cacheTtl) {
        final Component ask = flow.processor(name, PKG + "businesscentral.FetchBusinessCentralRecords", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .property("Entity Set", entitySet)
                .property("Key Field", keyField)
                .property("Key Values", keyValues)
                .property("Select", select)
                .property("Max Records", "100")
                .property("Cache TTL", cacheTtl)
                .property("Cache Size", "5000")
                .schedule("TIMER_DRIVEN", "0 sec");
        if (filter != null) {
            ask.property("Filter", filter);
        }
        if (orderBy != null) {
            ask.property("Order By", orderBy);
        }
        return ask;
    }

    private static Component respond(final FlowDefinition flow, final String name, final Component contextMap, final String status) {
        return flow.processor(name, "org.apache.nifi.processors.standard.HandleHttpResponse", Bundle.STANDARD)
                .property("HTTP Status Code", status)
                .serviceProperty("HTTP Context Map", contextMap)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success");
    }

    /**
     * FetchFile that archives the raw file as received, before anything parses it: its completion strategy (a parameter,
     * 'Move File' by default) moves the file into the archive directory parameter once its content is in NiFi.
     */
    static Component fetchAndArchive(final FlowDefinition flow, final String name, final String prefix) {
        return flow.processor(name, "org.apache.nifi.processors.standard.FetchFile", Bundle.STANDARD)
                .property("Completion Strategy", "#{" + prefix + ".completion.strategy}")
                .property("Move Destination Directory", "#{" + prefix + ".archive.directory}")
                .property("Move Conflict Strategy", "Rename")
                .schedule("TIMER_DRIVEN", "0 sec");
    }

    /**
     * Splits a lane's records into 16 buckets by the order they belong to ({@code key}, a RecordPath) and names the bucket in
     * {@link #ORDER_BUCKET}, which the keyed writer claims across the cluster before writing. Buckets rather than one FlowFile per order:
     * a page of orders stays a few FlowFiles, and the writers keep looking them up in batches.
     */
    private static Component orderBuckets(final FlowDefinition flow, final String name, final Component reader, final Component writer,
                                          final String key) {
        return flow.processor(name, "org.apache.nifi.processors.standard.PartitionRecord", Bundle.STANDARD)
                .serviceProperty("record-reader", reader)
                .serviceProperty("record-writer", writer)
                .property(ORDER_BUCKET, bucketOf(key))
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("original")
                .comments("In a cluster, no two nodes write one order at once: " + ORDER_BUCKET + " is a hash digit of " + key
                        + ", and the writer after this step claims that bucket across the cluster before it writes.");
    }

    /** The RecordPath of the bucket: the first hex digit of the key's SHA-256. */
    static String bucketOf(final String key) {
        return "substring(hash(" + key + ", 'SHA-256'), 0, 1)";
    }

    static double centerX(final Component component) {
        return component.x() + WIDTH / 2;
    }

    static double centerY(final Component component) {
        return component.y() + HEIGHT / 2;
    }

    /** x of a port centred under the component. */
    static double portUnder(final Component component) {
        return centerX(component) - PORT_WIDTH / 2;
    }

    /** The bend of a connection that runs down from {@code source}, then straight across into the side of {@code destination}. */
    private static double[] bendUnder(final Component source, final Component destination) {
        return new double[] {centerX(source), centerY(destination)};
    }

    /** A retry loop out of the right side and back, its label clear of the processor. */
    private static List<double[]> loopRight(final Component component) {
        final double x = component.x() + WIDTH + 140;
        return List.of(new double[] {x, component.y() + 24}, new double[] {x, component.y() + HEIGHT - 24});
    }

    static List<double[]> loopLeft(final Component component) {
        final double x = component.x() - 140;
        return List.of(new double[] {x, component.y() + 24}, new double[] {x, component.y() + HEIGHT - 24});
    }

    /** A retry loop out of the bottom-left corner, for a processor whose sides take connections. */
    static List<double[]> loopBelowLeft(final Component component) {
        final double y = component.y() + HEIGHT + 62;
        return List.of(new double[] {component.x() + 40, y}, new double[] {component.x() - 80, y});
    }

    private static void sftpParameters(final FlowDefinition flow) {
        flow.parameter("tracking.sftp.host", "Host name of the carriers' or 3PL's SFTP server", false, "sftp.carrier.example");
        flow.parameter("tracking.sftp.port", "Its SSH port", false, "22");
        flow.parameter("tracking.sftp.username", "The account the carrier or 3PL gave you", false, "tracking");
        flow.parameter("tracking.sftp.password", "That account's password", true, null);
        flow.parameter("tracking.sftp.known.hosts", "known_hosts file (on every node) holding the server's host key: the key is checked", false,
                "/opt/nifi/conf/sftp_known_hosts");
        flow.parameter("tracking.sftp.input.directory", "Directory on the server where the feeds are left", false, "/outbox/tracking");
        flow.parameter("tracking.sftp.archive.directory", "Directory on the server the feeds are archived into once read (outside the input directory)",
                false, "/outbox/tracking-archive");
    }

    /** The SFTP server's address, account and host key check, the same for listing and fetching. */
    private static Component sftpServer(final Component processor) {
        return processor.property("Hostname", "#{tracking.sftp.host}")
                .property("Port", "#{tracking.sftp.port}")
                .property("Username", "#{tracking.sftp.username}")
                .sensitiveProperty("Password", "tracking.sftp.password")
                .property("Strict Host Key Checking", "true")
                .property("Host Key File", "#{tracking.sftp.known.hosts}");
    }

    private static void shopifyParameters(final FlowDefinition flow) {
        flow.parameter("shopify.store.domain", "The shop's myshopify.com domain, e.g. maison-dupont.myshopify.com", false, "my-shop.myshopify.com");
        flow.parameter("shopify.api.version", "Shopify Admin API version the flow is built and tested for", false, "2026-07");
        flow.parameter("shopify.access.token", "Admin API access token of the shop's custom app (shpat_...)", true, null);
        flow.parameter("shopify.base.url.override", "Empty in production; the sandbox's URL for tests and demos", false, "");
    }

    static void bcParameters(final FlowDefinition flow) {
        flow.parameter("bc.tenant.id", "Microsoft Entra tenant id (GUID) of the client's Business Central", false, "00000000-0000-0000-0000-000000000000");
        flow.parameter("bc.environment", "Business Central environment name", false, "Production");
        flow.parameter("bc.company", "Business Central company name or id", false, "CRONUS FR");
        flow.parameter("bc.client.id", "Application (client) id of the Entra app registration", false, "00000000-0000-0000-0000-000000000000");
        flow.parameter("bc.client.secret", "Client secret of the Entra app registration", true, null);
        flow.parameter("bc.api.url.override", "Empty in production; the sandbox's URL for tests and demos", false, "");
        flow.parameter("bc.login.url.override", "Empty in production; the sandbox's URL for tests and demos", false, "");
    }

    private Component shopifyService(final FlowDefinition flow) {
        return flow.service("Shopify connection", PKG + "shopify.StandardShopifyConnectionService", ecommerce,
                        PKG + "shopify.ShopifyConnectionService", ecommerce)
                .property("Store Domain", "#{shopify.store.domain}")
                .property("API Version", "#{shopify.api.version}")
                .property("Authentication", "ACCESS_TOKEN")
                .sensitiveProperty("Access Token", "shopify.access.token")
                .property("Base URL Override", "#{shopify.base.url.override}");
    }

    Component bcService(final FlowDefinition flow) {
        return flow.service("Business Central connection", PKG + "businesscentral.StandardBusinessCentralConnectionService", ecommerce,
                        PKG + "businesscentral.BusinessCentralConnectionService", ecommerce)
                .property("Deployment", "ONLINE")
                .property("Tenant ID", "#{bc.tenant.id}")
                .property("Environment", "#{bc.environment}")
                .property("Company", "#{bc.company}")
                .property("Authentication", "CLIENT_CREDENTIALS")
                .property("Client ID", "#{bc.client.id}")
                .sensitiveProperty("Client Secret", "bc.client.secret")
                .property("API URL Override", "#{bc.api.url.override}")
                .property("Login URL Override", "#{bc.login.url.override}");
    }

    private Component fetchOrders(final FlowDefinition flow, final String name, final Component shopify, final Component writer,
                                  final String segment, final String query) {
        return flow.processor(name, PKG + "shopify.FetchShopifyOrders", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .property("Initial Start", "DATE")
                .property("Initial Start Date", "#{shopify.initial.start.date}")
                .property("Query Filter", query)
                .property("Segment Filter", segment)
                .property("Output Format", "RECORDS")
                .serviceProperty("Record Writer", writer)
                .schedule("TIMER_DRIVEN", "1 min")
                .primaryNodeOnly();
    }

    /** Sales orders sent excluding tax: BC computes the tax from its own VAT setup, and the net amounts reconcile to the cent. */
    private Component createSalesOrders(final FlowDefinition flow, final String name, final Component bc, final Component reader,
                                        final Component writer, final String b2cCustomer) {
        return salesOrders(flow, name, bc, reader, writer, b2cCustomer).autoTerminate("success");
    }

    /** The sales order writer; its results ('success') go on: the carrier price of B2B drafts, the channel dimension. */
    private Component salesOrders(final FlowDefinition flow, final String name, final Component bc, final Component reader,
                                  final Component writer, final String b2cCustomer) {
        return flow.processor(name, PKG + "businesscentral.PutBusinessCentralOrder", ecommerce)
                .serviceProperty("Business Central Connection", bc)
                .serviceProperty("Record Reader", reader)
                .serviceProperty("Record Writer", writer)
                .property("Shipping Line Type", "Account")
                .property("Shipping Line Number", "#{bc.shipping.account}")
                .property("Price Basis", "EXCLUDING_TAX")
                .property("B2C Customer Matching", "DEFAULT")
                .property("B2C Default Customer", b2cCustomer)
                .schedule("TIMER_DRIVEN", "0 sec")
                .concurrentTasks(BC_WRITER_TASKS)
                // cancelled: never created, or its open sales order deleted; shipped ones go to failure for review
                .autoTerminate("cancelled");
    }

    private Component publishStock(final FlowDefinition flow, final String name, final Component shopify, final Component reader,
                                   final Component writer) {
        return flow.processor(name, PKG + "stock.PublishStockLevels", ecommerce)
                .serviceProperty("Shopify Connection", shopify)
                .serviceProperty("Record Reader", reader)
                .serviceProperty("Record Writer", writer)
                .schedule("TIMER_DRIVEN", "0 sec")
                .autoTerminate("success");
    }

    static Component jsonWriter(final FlowDefinition flow, final String name) {
        return flow.service(name, "org.apache.nifi.json.JsonRecordSetWriter", Bundle.RECORD_SERVICES, RECORD_WRITER_API, Bundle.SERVICES_API)
                .property("Schema Write Strategy", "no-schema")
                .property("schema-access-strategy", "inherit-record-schema")
                .property("Pretty Print JSON", "false")
                .property("output-grouping", "output-array");
    }

    static Component jsonReader(final FlowDefinition flow, final String name) {
        return flow.service(name, "org.apache.nifi.json.JsonTreeReader", Bundle.RECORD_SERVICES, RECORD_READER_API, Bundle.SERVICES_API)
                .property("schema-access-strategy", "infer-schema");
    }
}
