package io.nifiecommerce.sandbox.mirakl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One seller's shop on a Mirakl marketplace: its orders in the shape of OR11, the transaction lines of TL02 and the
 * accounting documents of IV01, and the order workflow between them. Prices are in TAX_INCLUDED mode (French
 * marketplaces display prices with VAT); VAT is 20 %, on the products and on the operator's commission.
 * Every method is synchronized: the HTTP handler and the tests' control calls share one consistent state.
 */
public final class MiraklShop {

    private static final ObjectMapper MAPPER = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final BigDecimal VAT = new BigDecimal("0.20");
    private static final BigDecimal ONE_PLUS_VAT = BigDecimal.ONE.add(VAT);

    /** A line of a new order: the seller's offer SKU, what was bought and the operator's commission rate on it. */
    public record NewLine(String offerSku, String title, int quantity, BigDecimal unitPrice, BigDecimal shippingPrice,
                          BigDecimal commissionRate) {
    }

    /** The customer of a new order; the address is both the billing and the shipping address. */
    public record NewCustomer(String firstname, String lastname, String street, String zipCode, String city, String countryIsoCode) {
    }

    private final String shopId;
    private final String shopName;
    private final Clock clock;
    private final Duration debitDelay;
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, Instant> acceptedAt = new LinkedHashMap<>();
    private final List<ObjectNode> transactions = new ArrayList<>();
    private final List<ObjectNode> documents = new ArrayList<>();
    private long nextTransaction = 1;
    private long nextInvoice = 1001;

    /** @param debitDelay how long after acceptance the operator debits the customer and the order becomes SHIPPING */
    public MiraklShop(final String shopId, final String shopName, final Clock clock, final Duration debitDelay) {
        this.shopId = shopId;
        this.shopName = shopName;
        this.clock = clock;
        this.debitDelay = debitDelay;
    }

    public String shopName() {
        return shopName;
    }

    // ---------------------------------------------------------------- control (what the operator and customers do)

    /** A new order WAITING_ACCEPTANCE; its id is the commercial id followed by {@code -A}, as Mirakl names the seller's part. */
    public synchronized String placeOrder(final String commercialId, final String channelCode, final NewCustomer customer,
                                          final List<NewLine> lines) {
        final String orderId = commercialId + "-A";
        if (orders.containsKey(orderId)) {
            throw new IllegalArgumentException("order " + orderId + " exists");
        }
        final String now = now();
        final ObjectNode order = MAPPER.createObjectNode();
        order.put("order_id", orderId).put("commercial_id", commercialId).put("created_date", now).put("last_updated_date", now);
        order.putNull("acceptance_decision_date");
        order.put("currency_iso_code", "EUR").put("order_tax_mode", "TAX_INCLUDED").put("payment_workflow", "PAY_ON_ACCEPTANCE");
        order.put("order_state", MiraklOrderState.WAITING_ACCEPTANCE.name());
        order.put("can_cancel", false).put("can_shop_ship", false).put("has_invoice", false).put("has_incident", false);
        if (channelCode == null) {
            order.putNull("channel");
        } else {
            order.putObject("channel").put("code", channelCode).put("label", channelCode);
        }
        final ObjectNode buyer = order.putObject("customer");
        buyer.put("customer_id", "CUST-" + commercialId).put("civility", "M.").put("firstname", customer.firstname())
                .put("lastname", customer.lastname()).put("locale", "fr_FR");
        // Mirakl hides the addresses until the seller accepts the order.
        buyer.putNull("billing_address");
        buyer.putNull("shipping_address");
        order.set("_address", address(customer));
        order.put("shipping_type_code", "STD").put("shipping_type_label", "Standard").put("shipping_zone_code", "FR");
        order.putNull("shipping_carrier_code");
        order.putNull("shipping_tracking");
        order.putNull("shipping_tracking_url");
        order.putNull("customer_debited_date");
        final ArrayNode orderLines = order.putArray("order_lines");
        int index = 1;
        for (final NewLine line : lines) {
            orderLines.add(line(orderId, index++, line, now));
        }
        recomputeTotals(order);
        orders.put(orderId, order);
        return orderId;
    }

    /** The customer confirms receipt: SHIPPED becomes RECEIVED. */
    public synchronized void confirmReceipt(final String orderId) {
        final ObjectNode order = require(orderId);
        if (!state(order).equals(MiraklOrderState.SHIPPED.name())) {
            throw new IllegalStateException(orderId + " is " + state(order) + ", not SHIPPED");
        }
        setState(order, MiraklOrderState.RECEIVED, null);
        order.withArray("order_lines").forEach(line -> ((ObjectNode) line).put("received_date", now()));
    }

    /**
     * Ends a billing cycle: the operator issues its commission invoice (IV01 type AUTO_INVOICE) for the cycle's
     * transaction lines and pays the seller what remains (a PAYMENT line). Returns the invoice, or empty when the cycle
     * had no transaction.
     */
    public synchronized Optional<JsonNode> closeBillingCycle() {
        debitDueOrders();
        final List<ObjectNode> pending = transactions.stream()
                .filter(t -> t.path("payment_state").asText().equals("PENDING")).toList();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal commission = BigDecimal.ZERO;
        BigDecimal commissionVat = BigDecimal.ZERO;
        BigDecimal balance = BigDecimal.ZERO;
        for (final ObjectNode line : pending) {
            final String type = line.path("type").asText();
            if (type.equals("COMMISSION_FEE")) {
                commission = commission.add(line.path("amount").decimalValue().negate());
            } else if (type.equals("COMMISSION_VAT")) {
                commissionVat = commissionVat.add(line.path("amount").decimalValue().negate());
            }
            balance = balance.add(line.path("amount").decimalValue());
        }
        final ObjectNode invoice = document("AUTO_INVOICE", commission, commissionVat, "Commissions du cycle de facturation");
        final String number = invoice.path("invoice_id").asText();
        for (final ObjectNode line : pending) {
            line.put("payment_state", "PAID").put("accounting_document_number", number)
                    .put("accounting_document_id", invoice.path("id").asText())
                    .put("accounting_document_creation_date", invoice.path("date_created").asText()).put("last_updated", now());
        }
        final ObjectNode payment = transaction("PAYMENT", balance.negate(), null, null);
        payment.put("payment_state", "PAID").put("accounting_document_number", number)
                .put("accounting_document_id", invoice.path("id").asText());
        return Optional.of(invoice.deepCopy());
    }

    /** A manual credit note from the operator (IV01 type MANUAL_CREDIT), e.g. a goodwill gesture; it is paid in the next cycle. */
    public synchronized JsonNode issueManualCredit(final BigDecimal amountExcludingTax, final String description) {
        debitDueOrders();
        final BigDecimal vat = money(amountExcludingTax.multiply(VAT));
        final ObjectNode credit = document("MANUAL_CREDIT", amountExcludingTax, vat, description);
        transaction("MANUAL_CREDIT", amountExcludingTax, null, null).put("accounting_document_number", credit.path("invoice_id").asText());
        transaction("MANUAL_CREDIT_VAT", vat, null, null).put("accounting_document_number", credit.path("invoice_id").asText());
        return credit.deepCopy();
    }

    // ---------------------------------------------------------------- API operations

    /** Orders matching the filter, sorted by creation date then order id (OR11's default sort), as OR11 returns them. */
    synchronized List<JsonNode> orders(final Predicate<JsonNode> filter) {
        debitDueOrders();
        return orders.values().stream().filter(filter)
                .sorted(Comparator.comparing((JsonNode o) -> o.path("created_date").asText()).thenComparing(o -> o.path("order_id").asText()))
                .map(MiraklShop::published).toList();
    }

    /** OR21: every line WAITING_ACCEPTANCE must be decided; {@code decisions} maps line id to accepted. */
    synchronized void accept(final String orderId, final Map<String, Boolean> decisions) {
        final ObjectNode order = require(orderId);
        if (!state(order).equals(MiraklOrderState.WAITING_ACCEPTANCE.name())) {
            throw MiraklApiError.badRequest("ORDER_INVALID_STATE", "Order " + orderId + " is not in the WAITING_ACCEPTANCE state");
        }
        final List<String> lineIds = new ArrayList<>();
        order.withArray("order_lines").forEach(line -> lineIds.add(line.path("order_line_id").asText()));
        for (final String id : decisions.keySet()) {
            if (!lineIds.contains(id)) {
                throw MiraklApiError.badRequest("ORDER_LINE_NOT_FOUND", "Order line " + id + " does not exist or is not associated with the order");
            }
        }
        if (!decisions.keySet().containsAll(lineIds)) {
            throw MiraklApiError.badRequest("ORDER_LINE_ACCEPTANCE_DECISION_MISSING", "Some order lines are missing from the acceptance decision");
        }
        final String now = now();
        boolean anyAccepted = false;
        for (final JsonNode line : order.withArray("order_lines")) {
            final boolean accepted = decisions.get(line.path("order_line_id").asText());
            anyAccepted |= accepted;
            ((ObjectNode) line).put("order_line_state", accepted ? MiraklOrderState.WAITING_DEBIT_PAYMENT.name() : MiraklOrderState.REFUSED.name())
                    .put("last_updated_date", now);
        }
        order.put("acceptance_decision_date", now);
        if (anyAccepted) {
            setState(order, MiraklOrderState.WAITING_DEBIT_PAYMENT, null);
            acceptedAt.put(orderId, clock.instant());
            final ObjectNode buyer = (ObjectNode) order.get("customer");
            buyer.set("billing_address", order.get("_address").deepCopy());
            buyer.set("shipping_address", order.get("_address").deepCopy());
        } else {
            setState(order, MiraklOrderState.REFUSED, null);
        }
        recomputeTotals(order);
    }

    /** OR23: the carrier and tracking number of an order being shipped or shipped. */
    synchronized void tracking(final String orderId, final JsonNode body) {
        final ObjectNode order = require(orderId);
        final String state = state(order);
        if (!state.equals(MiraklOrderState.SHIPPING.name()) && !state.equals(MiraklOrderState.SHIPPED.name())) {
            throw MiraklApiError.badRequest("ORDER_INVALID_STATE", "Order " + orderId + " is in the " + state + " state: tracking cannot be updated");
        }
        final String code = text(body, "carrier_code");
        final String name = text(body, "carrier_name");
        if (code == null && name == null) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "carrier_code is mandatory for a registered carrier, carrier_name for an unregistered one");
        }
        if (code != null && !MiraklCarriers.REGISTERED.containsKey(code)) {
            throw MiraklApiError.badRequest("VALIDATION_ERROR", "Unknown carrier code " + code);
        }
        final String number = text(body, "tracking_number");
        order.put("shipping_carrier_code", code);
        order.put("shipping_company", code != null ? MiraklCarriers.REGISTERED.get(code) : name);
        order.put("shipping_tracking", number);
        order.put("shipping_tracking_url", code != null && number != null ? MiraklCarriers.url(code, number) : text(body, "carrier_url"));
        order.put("last_updated_date", now());
    }

    /** OR24: SHIPPING becomes SHIPPED. */
    synchronized void ship(final String orderId) {
        final ObjectNode order = require(orderId);
        debitDueOrders();
        if (!state(order).equals(MiraklOrderState.SHIPPING.name())) {
            throw MiraklApiError.badRequest("ORDER_INVALID_STATE", "Order " + orderId + " is in the " + state(order)
                    + " state: only an order in the SHIPPING state can be shipped");
        }
        setState(order, MiraklOrderState.SHIPPED, "shipped_date");
    }

    /** IV01: accounting documents created in [start, end), of a type (null: AUTO_INVOICE only, "ALL": every type). */
    synchronized List<JsonNode> documents(final Instant start, final Instant end, final String type) {
        return documents.stream()
                .filter(d -> within(d.path("date_created").asText(), start, end))
                .filter(d -> "ALL".equals(type) || d.path("type").asText().equals(type == null ? "AUTO_INVOICE" : type))
                .map(d -> (JsonNode) d.deepCopy()).toList();
    }

    /** TL02: transaction lines created in [from, to), newest first (the default sort, dateCreated desc). */
    synchronized List<JsonNode> transactions(final Instant from, final Instant to) {
        debitDueOrders();
        final List<JsonNode> matching = new ArrayList<>();
        for (int i = transactions.size() - 1; i >= 0; i--) {
            final ObjectNode line = transactions.get(i);
            if (within(line.path("date_created").asText(), from, to)) {
                matching.add(line.deepCopy());
            }
        }
        return matching;
    }

    synchronized Optional<ObjectNode> order(final String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** Counts for the sandbox's stats: orders per state. */
    public synchronized Map<String, Integer> ordersByState() {
        debitDueOrders();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        orders.values().forEach(o -> counts.merge(state(o), 1, Integer::sum));
        return counts;
    }

    /** The ids of the orders in one of the states (names of {@link MiraklOrderState}). */
    public synchronized List<String> orderIdsIn(final java.util.Set<String> states) {
        debitDueOrders();
        return orders.values().stream().filter(o -> states.contains(state(o))).map(o -> o.path("order_id").asText()).toList();
    }

    public synchronized void reset() {
        orders.clear();
        acceptedAt.clear();
        transactions.clear();
        documents.clear();
    }

    // ---------------------------------------------------------------- workflow

    /** The operator debits accepted orders once the delay has passed: WAITING_DEBIT_PAYMENT becomes SHIPPING. */
    private void debitDueOrders() {
        final Instant now = clock.instant();
        for (final Map.Entry<String, Instant> accepted : List.copyOf(acceptedAt.entrySet())) {
            if (!accepted.getValue().plus(debitDelay).isAfter(now)) {
                final ObjectNode order = orders.get(accepted.getKey());
                acceptedAt.remove(accepted.getKey());
                order.put("customer_debited_date", now());
                order.put("can_shop_ship", true);
                setState(order, MiraklOrderState.SHIPPING, "debited_date");
                recordSale(order);
            }
        }
    }

    /** The transaction lines of a debited order: what the customer paid for each accepted line, less the commission. */
    private void recordSale(final ObjectNode order) {
        for (final JsonNode line : order.withArray("order_lines")) {
            if (line.path("order_line_state").asText().equals(MiraklOrderState.REFUSED.name())) {
                continue;
            }
            final String orderId = order.path("order_id").asText();
            final String lineId = line.path("order_line_id").asText();
            transaction("ORDER_AMOUNT", line.path("price").decimalValue(), orderId, lineId);
            if (line.path("shipping_price").decimalValue().signum() != 0) {
                transaction("ORDER_SHIPPING_AMOUNT", line.path("shipping_price").decimalValue(), orderId, lineId);
            }
            final BigDecimal fee = line.path("commission_fee").decimalValue();
            transaction("COMMISSION_FEE", fee.negate(), orderId, lineId);
            transaction("COMMISSION_VAT", line.path("total_commission").decimalValue().subtract(fee).negate(), orderId, lineId);
        }
    }

    private void setState(final ObjectNode order, final MiraklOrderState state, final String lineDateField) {
        final String now = now();
        order.put("order_state", state.name()).put("last_updated_date", now);
        for (final JsonNode line : order.withArray("order_lines")) {
            final ObjectNode l = (ObjectNode) line;
            if (!l.path("order_line_state").asText().equals(MiraklOrderState.REFUSED.name())) {
                l.put("order_line_state", state.name()).put("last_updated_date", now);
                if (lineDateField != null) {
                    l.put(lineDateField, now);
                }
            }
        }
    }

    private ObjectNode line(final String orderId, final int index, final NewLine line, final String now) {
        final ObjectNode node = MAPPER.createObjectNode();
        final BigDecimal price = money(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        final BigDecimal fee = money(price.multiply(line.commissionRate()));
        final BigDecimal feeVat = money(fee.multiply(VAT));
        node.put("order_line_id", orderId + "-" + index).put("order_line_index", index)
                .put("order_line_state", MiraklOrderState.WAITING_ACCEPTANCE.name())
                .put("offer_id", 2000 + Math.abs(line.offerSku().hashCode() % 100000)).put("offer_sku", line.offerSku())
                .put("product_sku", "P-" + line.offerSku()).put("product_title", line.title()).put("category_code", "default")
                .put("quantity", line.quantity()).put("price_unit", line.unitPrice()).put("price", price)
                .put("shipping_price", line.shippingPrice()).put("total_price", price.add(line.shippingPrice()))
                .put("commission_fee", fee).put("total_commission", fee.add(feeVat))
                .put("created_date", now).put("last_updated_date", now);
        node.putArray("taxes").addObject().put("code", "TVA20").put("rate", new BigDecimal("20.00"))
                .put("amount", money(price.subtract(price.divide(ONE_PLUS_VAT, 10, RoundingMode.HALF_UP))));
        node.putArray("shipping_taxes").addObject().put("code", "TVA20").put("rate", new BigDecimal("20.00"))
                .put("amount", money(line.shippingPrice().subtract(line.shippingPrice().divide(ONE_PLUS_VAT, 10, RoundingMode.HALF_UP))));
        node.putArray("commission_taxes").addObject().put("code", "TVA").put("rate", new BigDecimal("20.0000")).put("amount", feeVat);
        node.putArray("cancelations");
        node.putArray("refunds");
        return node;
    }

    /** Order totals count the lines still alive, as Mirakl's do once lines are refused. */
    private static void recomputeTotals(final ObjectNode order) {
        BigDecimal price = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal commission = BigDecimal.ZERO;
        for (final JsonNode line : order.withArray("order_lines")) {
            if (!line.path("order_line_state").asText().equals(MiraklOrderState.REFUSED.name())) {
                price = price.add(line.path("price").decimalValue());
                shipping = shipping.add(line.path("shipping_price").decimalValue());
                commission = commission.add(line.path("total_commission").decimalValue());
            }
        }
        order.put("price", price).put("shipping_price", shipping).put("total_price", price.add(shipping)).put("total_commission", commission);
    }

    private ObjectNode document(final String type, final BigDecimal excludingTax, final BigDecimal tax, final String description) {
        final String now = now();
        final long number = nextInvoice++;
        final ObjectNode document = MAPPER.createObjectNode();
        document.put("id", "doc-" + number).put("invoice_id", number).put("type", type).put("state", "COMPLETE")
                .put("date_created", now).put("issue_date", now)
                .put("due_date", clock.instant().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("currency_iso_code", "EUR").put("shop_id", Long.parseLong(shopId)).put("shop_name", shopName)
                .put("total_amount_excl_taxes", excludingTax).put("total_amount_incl_taxes", excludingTax.add(tax))
                .put("description", description);
        document.putArray("total_taxes").addObject().put("code", "TVA").put("amount", tax);
        document.putObject("payment").put("state", "PAID");
        documents.add(document);
        return document;
    }

    private ObjectNode transaction(final String type, final BigDecimal amount, final String orderId, final String lineId) {
        final ObjectNode line = MAPPER.createObjectNode();
        final String now = now();
        line.put("id", "tl-" + nextTransaction++).put("type", type).put("amount", amount)
                .put("amount_credited", amount.signum() > 0 ? amount : BigDecimal.ZERO.setScale(2))
                .put("amount_debited", amount.signum() < 0 ? amount.negate() : BigDecimal.ZERO.setScale(2))
                .put("currency_iso_code", "EUR").put("date_created", now).put("last_updated", now).put("payment_state", "PENDING");
        final ObjectNode entities = line.putObject("entities");
        entities.put("domain", "PRODUCT");
        if (orderId != null) {
            entities.putObject("order").put("id", orderId);
            entities.putObject("order_line").put("id", lineId);
        }
        transactions.add(line);
        return line;
    }

    /** The order as the API shows it: without the simulator's own bookkeeping fields. */
    private static JsonNode published(final ObjectNode order) {
        final ObjectNode copy = order.deepCopy();
        copy.remove("_address");
        return copy;
    }

    private static ObjectNode address(final NewCustomer customer) {
        final ObjectNode address = MAPPER.createObjectNode();
        address.put("civility", "M.").put("firstname", customer.firstname()).put("lastname", customer.lastname());
        address.putNull("company");
        address.put("street_1", customer.street());
        address.putNull("street_2");
        address.put("zip_code", customer.zipCode()).put("city", customer.city()).put("country_iso_code", customer.countryIsoCode())
                .put("country", "France").put("phone", "+33 1 00 00 00 00");
        return address;
    }

    private ObjectNode require(final String orderId) {
        final ObjectNode order = orders.get(orderId);
        if (order == null) {
            throw new MiraklApiError(404, "ORDER_NOT_FOUND", "The requested order " + orderId + " does not exist");
        }
        return order;
    }

    private static String state(final JsonNode order) {
        return order.path("order_state").asText();
    }

    private static boolean within(final String date, final Instant from, final Instant to) {
        final Instant at = Instant.parse(date);
        return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }

    private static String text(final JsonNode body, final String field) {
        final JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static BigDecimal money(final BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
