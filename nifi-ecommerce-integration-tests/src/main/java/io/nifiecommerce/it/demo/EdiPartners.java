package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.seed.Variant;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo's EDI trading partners, for the flow {@code edi-with-3pl-and-retail-buyers}:
 * <ul>
 *   <li>a supermarket buyer who sends EANCOM ORDERS (one of them twice, as buyers resend) and reads the ORDRSP answers;</li>
 *   <li>the 3PL, which picks up the shipping orders (ORDERS) the flow drops, ships each in two DESADVs (a partial one first,
 *       delivered twice as a 3PL resending a file does, then the rest once the first is posted) and reports the receipt of a
 *       replenishment (RECADV, some of it damaged, also delivered twice) and its stock of three other articles (INVRPT, 3 more
 *       than BC holds when it counts, delivered twice), which the flow reconciles into BC as item journal adjustments;</li>
 *   <li>the BC user who releases the buyer's orders for shipment (API v2.0 has no release action).</li>
 * </ul>
 * They speak EDIFACT through their own small software ({@link EdifactText}); what they receive is read from the drop
 * directories, what they send is written into them.
 */
final class EdiPartners {

    /** The flow's default {@code edi.sender.id}: our GLN. */
    static final String OUR_GLN = "3012345000004";
    /** The flow's default {@code edi.3pl.receiver.id}: the 3PL's GLN. */
    static final String THREE_PL = "3098765000002";
    static final String BUYER_GLN = "3023456000011";
    static final String DELIVERY_GLN = "3023456000028";
    static final String RETAIL_CUSTOMER = "C-SUPER-01";
    private static final int RETAIL_ORDERS = 3;
    /** What the 3PL counts beyond BC's figure: never 0 however BC moves meanwhile (only sales move these articles). */
    private static final int COUNTED_ABOVE_BC = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BcCompany bc;
    private final List<Variant> articles;
    /** Articles the 3PL's stock report counts: none of the EDI orders or receipts move them. */
    private final List<Variant> counted;
    private final long seed;
    private final Path root;
    private final Path threePlOutbox;
    private final Path threePlPickedUp;
    private final FeedFiles shipments;
    private final FeedFiles receipts;
    private final FeedFiles stockReports;
    /** Item number to the quantity the 3PL's INVRPT reports. */
    private final Map<String, Integer> stockReported = new LinkedHashMap<>();
    private String invrpt;
    private String invrptNumber;
    private final FeedFiles retailInbox;
    private final Path retailOutbox;
    private final Set<String> retailOrders = new LinkedHashSet<>();
    /** BC order number to the interchange references of the shipping orders received for it. */
    private final Map<String, Set<String>> shippingOrders = new LinkedHashMap<>();
    /** BC order number to the lines its second DESADV ships, once the first is posted. */
    private final Map<String, ShippingOrder> leftToShip = new LinkedHashMap<>();
    private final Set<String> desadvSent = new LinkedHashSet<>();
    /** Buyer order number to the ORDRSP response codes (BGM 1225) received for it. */
    private final Map<String, List<String>> responses = new HashMap<>();
    private String purchaseOrder;
    private String recadv;
    private int steps;

    EdiPartners(final BcCompany bc, final List<Variant> variants, final long seed, final Path root) throws IOException {
        this.bc = bc;
        this.articles = variants.subList(0, Math.min(3, variants.size()));
        this.counted = variants.subList(Math.min(3, variants.size()), Math.min(6, variants.size()));
        this.seed = seed;
        this.root = root;
        this.threePlOutbox = Files.createDirectories(root.resolve("3pl/outbox"));
        this.threePlPickedUp = Files.createDirectories(root.resolve("3pl/picked-up"));
        this.shipments = new FeedFiles(root.resolve("3pl/shipments"));
        this.receipts = new FeedFiles(root.resolve("3pl/receipts"));
        this.stockReports = new FeedFiles(root.resolve("3pl/stock"));
        this.retailInbox = new FeedFiles(root.resolve("retail/inbox"));
        this.retailOutbox = Files.createDirectories(root.resolve("retail/outbox"));
    }

    /** The EDI flow's parameters pointing at the partners' drop directories, with the buyer's GLN table. */
    Map<String, String> parameters() {
        final Map<String, String> values = new LinkedHashMap<>();
        values.put("edi.3pl.outbox.directory", threePlOutbox.toString());
        values.put("edi.3pl.shipments.directory", shipments.directory().toString());
        values.put("edi.3pl.shipments.archive.directory", root.resolve("archive/shipments").toString());
        values.put("edi.3pl.receipts.directory", receipts.directory().toString());
        values.put("edi.3pl.receipts.archive.directory", root.resolve("archive/receipts").toString());
        values.put("edi.3pl.stock.directory", stockReports.directory().toString());
        values.put("edi.3pl.stock.archive.directory", root.resolve("archive/stock").toString());
        values.put("edi.3pl.stock.reports.directory", root.resolve("3pl/reconciliation").toString());
        values.put("edi.3pl.stock.differences", "item-journal-adjustments");
        values.put("edi.retail.orders.directory", retailInbox.directory().toString());
        values.put("edi.retail.orders.archive.directory", root.resolve("archive/retail").toString());
        values.put("edi.retail.outbox.directory", retailOutbox.toString());
        values.put("edi.retail.gln.table", String.join("\n",
                "gln,customerNumber,shipToCode,name,address1,address2,city,postalCode,countryCode",
                BUYER_GLN + "," + RETAIL_CUSTOMER + ",,Supermarché Démo Centrale,1 rue de la Paix,,Paris,75002,FR",
                DELIVERY_GLN + ",,LYON-02,Supermarché Démo Part-Dieu,17 rue du Docteur Bouchut,,Lyon,69003,FR"));
        return values;
    }

    /** The buyer's customer and a purchase order in BC; the buyer's orders and the 3PL's receipt advice dropped. */
    void prepare() throws IOException {
        bc.putCustomer(RETAIL_CUSTOMER, "Supermarché Démo", "achats@supermarche-demo.example", null);
        purchaseOrder = bc.createPurchaseOrder("Faïencerie de Gien", MAPPER.readTree("""
                {"vendorNumber":"V-GIEN","purchaseOrderLines":[
                 {"lineObjectNumber":"%s","quantity":24,"directUnitCost":%s},{"lineObjectNumber":"%s","quantity":12,"directUnitCost":%s}]}"""
                .formatted(articles.get(0).sku(), cost(articles.get(0)), articles.get(1 % articles.size()).sku(),
                        cost(articles.get(1 % articles.size()))))).path("number").asText();
        for (int i = 1; i <= RETAIL_ORDERS; i++) {
            final String number = "SUP-" + seed + "-" + i;
            retailOrders.add(number);
            final String order = retailOrder(number, i);
            retailInbox.drop("ORDERS-" + number + ".edi", order);
            if (i == 1) {
                retailInbox.drop("ORDERS-" + number + "-resent.edi", order);
            }
        }
        recadv = receiptAdvice();
        receipts.drop("RECADV-" + purchaseOrder + ".edi", recadv);
        invrptNumber = "STK" + Math.floorMod(seed, 100_000);
        invrpt = inventoryReport();
        stockReports.drop("INVRPT-" + invrptNumber + ".edi", invrpt);
    }

    /**
     * One turn of the partners: the BC user releases the buyer's new orders, the 3PL answers the shipping orders it finds
     * (and sends the rest of the partial ones already posted), the buyer reads its answers.
     */
    void step(final Map<String, Set<Integer>> bcInventorySeen) throws IOException {
        steps++;
        for (final JsonNode order : bc.salesOrders()) {
            if ("Draft".equals(order.path("status").asText()) && retailOrders.contains(order.path("externalDocumentNumber").asText())) {
                bc.releaseSalesOrder(order.path("number").asText());
            }
        }
        for (final String content : pickUp(threePlOutbox, threePlPickedUp)) {
            final ShippingOrder order = ShippingOrder.parse(content);
            if (order != null && shippingOrders.computeIfAbsent(order.number(), k -> new LinkedHashSet<>()).add(order.reference())
                    && shippingOrders.get(order.number()).size() == 1) {
                ship(order);
            }
        }
        final Set<String> posted = new HashSet<>();
        bc.salesShipments().forEach(s -> posted.add(s.path("orderNumber").asText()));
        for (final String number : List.copyOf(leftToShip.keySet())) {
            if (posted.contains(number)) {
                final ShippingOrder rest = leftToShip.remove(number);
                shipments.drop("DESADV-" + number + "-2.edi", desadv(rest, "2"));
            }
        }
        if (steps == 2) {
            receipts.drop("RECADV-" + purchaseOrder + "-resent.edi", recadv);
            stockReports.drop("INVRPT-" + invrptNumber + "-resent.edi", invrpt);
        }
        for (final String content : pickUp(retailOutbox, null)) {
            final List<List<List<String>>> segments = EdifactText.parse(content);
            String answered = null;
            String code = null;
            for (final List<List<String>> segment : segments) {
                if (EdifactText.tag(segment).equals("BGM") && "231".equals(EdifactText.get(segment, 1, 1))) {
                    code = EdifactText.get(segment, 3, 1);
                } else if (EdifactText.tag(segment).equals("RFF") && "ON".equals(EdifactText.get(segment, 1, 1))) {
                    answered = EdifactText.get(segment, 1, 2);
                }
            }
            if (answered != null) {
                responses.computeIfAbsent(answered, k -> new ArrayList<>()).add(code);
            }
        }
        bc.items().forEach(item -> bcInventorySeen.computeIfAbsent(item.path("number").asText(), k -> new HashSet<>())
                .add(Math.max(0, item.path("inventory").asInt())));
        // adjustments move BC's inventory between two turns: every balance the item ledger went through was BC's figure once
        for (final Map.Entry<String, List<Balance>> item : balances().entrySet()) {
            item.getValue().forEach(b -> bcInventorySeen.computeIfAbsent(item.getKey(), k -> new HashSet<>()).add(Math.max(0, b.after().intValue())));
        }
    }

    /** One item ledger entry and the item's inventory once it was posted. */
    private record Balance(JsonNode entry, BigDecimal after) {
    }

    /** Per item, its ledger entries in posting order with the running inventory. */
    private Map<String, List<Balance>> balances() {
        final Map<String, List<Balance>> byItem = new HashMap<>();
        final Map<String, BigDecimal> running = new HashMap<>();
        bc.itemLedgerEntries().stream().sorted(java.util.Comparator.comparingInt(e -> e.path("entryNumber").asInt())).forEach(entry -> {
            final String item = entry.path("itemNumber").asText();
            final BigDecimal after = running.merge(item, entry.path("quantity").decimalValue(), BigDecimal::add);
            byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(new Balance(entry, after));
        });
        return byItem;
    }

    /**
     * Items whose BC inventory was what the 3PL reported once its adjustment posted (one adjustment per item under the
     * report's number, the inventory right after it equal to the count), and adjustments beyond one per item.
     */
    private int[] reconciled() {
        final Map<String, List<Balance>> balances = balances();
        int matching = 0;
        int extra = 0;
        for (final Map.Entry<String, Integer> reported : stockReported.entrySet()) {
            final List<Balance> adjustments = balances.getOrDefault(reported.getKey(), List.of()).stream()
                    .filter(b -> b.entry().path("documentNumber").asText().equals(invrptNumber)).toList();
            extra += Math.max(0, adjustments.size() - 1);
            if (adjustments.size() == 1 && adjustments.get(0).after().compareTo(BigDecimal.valueOf(reported.getValue())) == 0) {
                matching++;
            }
        }
        return new int[] {matching, extra};
    }

    /** What the exchanges show: each figure once, nothing twice. */
    EdiReport report() {
        final Map<String, Integer> retailInBc = new HashMap<>();
        for (final List<JsonNode> documents : List.of(bc.salesOrders(), bc.salesInvoices())) {
            for (final JsonNode document : documents) {
                final String reference = document.path("externalDocumentNumber").asText();
                if (retailOrders.contains(reference)) {
                    retailInBc.merge(reference, 1, Integer::sum);
                }
            }
        }
        final long shipmentsPosted = bc.salesShipments().stream().filter(s -> shippingOrders.containsKey(s.path("orderNumber").asText())).count();
        final long receiptsPosted = bc.purchaseReceipts().stream().filter(r -> r.path("orderNumber").asText().equals(purchaseOrder)).count();
        final long accepted = responses.values().stream().filter(codes -> codes.contains("29")).count();
        final int[] reconciled = reconciled();
        return new EdiReport(retailOrders.size(), retailInBc.size(), retailInBc.values().stream().mapToInt(n -> n - 1).sum(), (int) accepted,
                responses.values().stream().mapToInt(codes -> codes.size() - 1).sum(), shippingOrders.size(),
                shippingOrders.values().stream().mapToInt(refs -> refs.size() - 1).sum(), leftToShip.size(), desadvSent.size(),
                (int) shipmentsPosted, 1, (int) receiptsPosted, stockReported.size(), reconciled[0], reconciled[1]);
    }

    /** The 3PL ships an order: all but one unit of its first line now, the rest once BC shows the first shipment. */
    private void ship(final ShippingOrder order) throws IOException {
        final List<ShippingOrder.Line> now = new ArrayList<>();
        final List<ShippingOrder.Line> later = new ArrayList<>();
        for (final ShippingOrder.Line line : order.lines()) {
            if (line == order.lines().get(0) && line.quantity().compareTo(BigDecimal.ONE) > 0) {
                now.add(line.with(line.quantity().subtract(BigDecimal.ONE)));
                later.add(line.with(BigDecimal.ONE));
            } else {
                now.add(line);
            }
        }
        final String desadv = desadv(order.with(now), "1");
        // a 3PL's transfer retried: the same interchange twice
        shipments.drop("DESADV-" + order.number() + "-1.edi", desadv);
        shipments.drop("DESADV-" + order.number() + "-1-resent.edi", desadv);
        if (!later.isEmpty()) {
            leftToShip.put(order.number(), order.with(later));
        }
    }

    private String desadv(final ShippingOrder order, final String part) {
        final String shipment = "DN-" + order.number() + "-" + part;
        desadvSent.add(shipment);
        final EdifactText edi = new EdifactText(THREE_PL, OUR_GLN, "261206", "1200", shipment.replace("-", ""))
                .message("DESADV", "96A", "EAN005")
                .segment("BGM", "351", shipment, "9")
                .segment("DTM", (Object) new String[] {"11", "20261206", "102"})
                .segment("RFF", (Object) new String[] {"ON", order.number()});
        if (order.customerReference() != null) {
            edi.segment("RFF", (Object) new String[] {"CR", order.customerReference()});
        }
        edi.segment("TDT", "20", null, "30", null, new String[] {"COLISSIMO", "172", "9", "Colissimo"})
                .segment("RFF", (Object) new String[] {"CN", TrackingNumbers.colissimo(9_000_000L + Math.abs(shipment.hashCode() % 900_000))})
                .segment("CPS", "1");
        for (final ShippingOrder.Line line : order.lines()) {
            edi.segment("LIN", line.number())
                    .segment("PIA", "5", new String[] {line.item(), "SA"})
                    .segment("QTY", (Object) new String[] {"12", line.quantity().toPlainString()});
        }
        return edi.segment("CNT", (Object) new String[] {"2", Integer.toString(order.lines().size())}).endMessage().end();
    }

    private String retailOrder(final String number, final int index) {
        final EdifactText edi = new EdifactText(BUYER_GLN, OUR_GLN, "261206", "0800", number.replace("-", ""))
                .message("ORDERS", "96A", "EAN008")
                .segment("BGM", "220", number, "9")
                .segment("DTM", (Object) new String[] {"137", "20261206", "102"})
                .segment("NAD", "BY", new String[] {BUYER_GLN, null, "9"})
                .segment("NAD", "DP", new String[] {DELIVERY_GLN, null, "9"})
                .segment("NAD", "SU", new String[] {OUR_GLN, null, "9"})
                .segment("CUX", (Object) new String[] {"2", "EUR", "9"});
        for (int l = 0; l < 2; l++) {
            final Variant article = articles.get((index + l) % articles.size());
            edi.segment("LIN", Integer.toString(l + 1), null, new String[] {article.barcode(), "EN"})
                    .segment("QTY", (Object) new String[] {"21", Integer.toString(3 - l)})
                    .segment("PRI", (Object) new String[] {"AAA", article.price().toPlainString()});
        }
        return edi.segment("UNS", "S").segment("CNT", (Object) new String[] {"2", "2"}).endMessage().end();
    }

    /** The replenishment received: all 24 of the first article, 2 of them damaged; all 12 of the second. */
    private String receiptAdvice() {
        return new EdifactText(THREE_PL, OUR_GLN, "261206", "0700", "RC" + purchaseOrder)
                .message("RECADV", "96A", "EAN003")
                .segment("BGM", "632", "RC-" + purchaseOrder, "9")
                .segment("DTM", (Object) new String[] {"50", "20261206", "102"})
                .segment("RFF", (Object) new String[] {"ON", purchaseOrder})
                .segment("LIN", "10000", null, new String[] {articles.get(0).barcode(), "EN"})
                .segment("QTY", (Object) new String[] {"48", "24"})
                .segment("QTY", (Object) new String[] {"124", "2"})
                .segment("LIN", "20000")
                .segment("PIA", "5", new String[] {articles.get(1 % articles.size()).sku(), "SA"})
                .segment("QTY", (Object) new String[] {"48", "12"})
                .endMessage().end();
    }

    /** The 3PL's count of the other articles: each 3 more than BC holds now (INVRPT, actual stock QTY+145). */
    private String inventoryReport() {
        final Map<String, Integer> inventory = new HashMap<>();
        bc.items().forEach(item -> inventory.put(item.path("number").asText(), item.path("inventory").asInt()));
        final EdifactText edi = new EdifactText(THREE_PL, OUR_GLN, "261206", "0600", invrptNumber)
                .message("INVRPT", "96A", "EAN008")
                .segment("BGM", "35", invrptNumber, "9")
                .segment("DTM", (Object) new String[] {"137", "20261206", "102"})
                .segment("LOC", "18", new String[] {ThirdPartyLogistics.WAREHOUSE_CODE, null, "92"});
        int line = 0;
        for (final Variant article : counted) {
            final int quantity = Math.max(0, inventory.getOrDefault(article.sku(), 0)) + COUNTED_ABOVE_BC;
            stockReported.put(article.sku(), quantity);
            edi.segment("LIN", Integer.toString(++line), null, new String[] {article.barcode(), "EN"})
                    .segment("PIA", "1", new String[] {article.sku(), "SA"})
                    .segment("QTY", (Object) new String[] {"145", Integer.toString(quantity)});
        }
        return edi.endMessage().end();
    }

    private static String cost(final Variant article) {
        return article.price().divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The files a partner picks up from a drop (dot-files are still being written), moved away or deleted once read. */
    private static List<String> pickUp(final Path drop, final Path keep) throws IOException {
        final List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.list(drop)) {
            for (final Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                contents.add(Files.readString(file, StandardCharsets.UTF_8));
                if (keep == null) {
                    Files.delete(file);
                } else {
                    Files.move(file, keep.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return contents;
    }

    /** A shipping order as the 3PL reads it from our ORDERS: BGM, RFF+CR, and per LIN its item (PIA) and quantity (QTY+21). */
    record ShippingOrder(String number, String customerReference, String reference, List<Line> lines) {

        record Line(String number, String item, BigDecimal quantity) {
            Line with(final BigDecimal newQuantity) {
                return new Line(number, item, newQuantity);
            }
        }

        ShippingOrder with(final List<Line> newLines) {
            return new ShippingOrder(number, customerReference, reference, newLines);
        }

        /** The order of an ORDERS interchange, or null for anything else (a CONTRL). */
        static ShippingOrder parse(final String interchange) {
            String number = null;
            String customerReference = null;
            String reference = null;
            boolean orders = false;
            final List<Line> lines = new ArrayList<>();
            String lineNumber = null;
            String item = null;
            for (final List<List<String>> segment : EdifactText.parse(interchange)) {
                switch (EdifactText.tag(segment)) {
                    case "UNB" -> reference = EdifactText.get(segment, 5, 1);
                    case "UNH" -> orders = "ORDERS".equals(EdifactText.get(segment, 2, 1));
                    case "BGM" -> number = EdifactText.get(segment, 2, 1);
                    case "RFF" -> {
                        if ("CR".equals(EdifactText.get(segment, 1, 1))) {
                            customerReference = EdifactText.get(segment, 1, 2);
                        }
                    }
                    case "LIN" -> lineNumber = EdifactText.get(segment, 1, 1);
                    case "PIA" -> item = EdifactText.get(segment, 2, 1);
                    case "QTY" -> {
                        if ("21".equals(EdifactText.get(segment, 1, 1))) {
                            lines.add(new Line(lineNumber, item, new BigDecimal(EdifactText.get(segment, 1, 2))));
                        }
                    }
                    default -> { }
                }
            }
            return orders && number != null ? new ShippingOrder(number, customerReference, reference, List.copyOf(lines)) : null;
        }
    }
}
