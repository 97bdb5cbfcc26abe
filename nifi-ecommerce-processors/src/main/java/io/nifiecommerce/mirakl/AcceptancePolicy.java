package io.nifiecommerce.mirakl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, for an order WAITING_ACCEPTANCE, which lines the seller accepts (OR21 needs a decision for every line).
 * A line is accepted when its offer SKU is a known item with enough stock for all the orders decided in the same run;
 * otherwise it is refused with a reason. OR21 carries no reason: the reason is the bundle's, written to the
 * decision record for the seller's team.
 */
public final class AcceptancePolicy {

    /** Available quantity per SKU; a SKU absent from the answer is unknown. */
    @FunctionalInterface
    public interface StockLevels {
        Map<String, BigDecimal> available(Collection<String> skus);

        /** Every SKU known, with unlimited stock: accept every line. */
        StockLevels UNLIMITED = skus -> {
            final Map<String, BigDecimal> all = new LinkedHashMap<>();
            skus.forEach(sku -> all.put(sku, BigDecimal.valueOf(Long.MAX_VALUE)));
            return all;
        };
    }

    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    public static final String ORDER_REFUSED_WHOLE = "ORDER_REFUSED_WHOLE";

    /** The decision on one line, with the reason when refused. */
    public record LineDecision(String lineId, String sku, long quantity, boolean accepted, String reason) {
    }

    /** The decisions on one order. */
    public record Decision(String orderId, List<LineDecision> lines) {

        public Map<String, Boolean> acceptedByLineId() {
            final Map<String, Boolean> map = new LinkedHashMap<>();
            lines.forEach(line -> map.put(line.lineId(), line.accepted()));
            return map;
        }

        public boolean acceptsAny() {
            return lines.stream().anyMatch(LineDecision::accepted);
        }
    }

    private final StockLevels stock;
    private final boolean wholeOrder;

    /** @param wholeOrder refuse every line of an order when one is refused (for shops where partial acceptance is disabled) */
    public AcceptancePolicy(final StockLevels stock, final boolean wholeOrder) {
        this.stock = stock;
        this.wholeOrder = wholeOrder;
    }

    /** Decides the orders in turn: stock promised to an earlier order of the batch is not promised again. */
    public List<Decision> decide(final List<MiraklOrder> orders) {
        final List<String> skus = new ArrayList<>();
        orders.forEach(order -> order.lines().forEach(line -> {
            if (line.offerSku() != null) {
                skus.add(line.offerSku());
            }
        }));
        final Map<String, BigDecimal> remaining = new LinkedHashMap<>(skus.isEmpty() ? Map.of() : stock.available(skus));
        final List<Decision> decisions = new ArrayList<>();
        for (final MiraklOrder order : orders) {
            decisions.add(decide(order, remaining));
        }
        return decisions;
    }

    private Decision decide(final MiraklOrder order, final Map<String, BigDecimal> remaining) {
        final List<LineDecision> lines = new ArrayList<>();
        final Map<String, BigDecimal> taken = new LinkedHashMap<>();
        for (final MiraklOrder.Line line : order.lines()) {
            final String sku = line.offerSku();
            final BigDecimal available = sku == null ? null : remaining.get(sku);
            final BigDecimal wanted = BigDecimal.valueOf(line.quantity()).add(taken.getOrDefault(sku, BigDecimal.ZERO));
            if (available == null) {
                lines.add(new LineDecision(line.id(), sku, line.quantity(), false, UNKNOWN_SKU));
            } else if (available.compareTo(wanted) < 0) {
                lines.add(new LineDecision(line.id(), sku, line.quantity(), false, INSUFFICIENT_STOCK));
            } else {
                taken.put(sku, wanted);
                lines.add(new LineDecision(line.id(), sku, line.quantity(), true, null));
            }
        }
        final boolean anyRefused = lines.stream().anyMatch(line -> !line.accepted());
        if (wholeOrder && anyRefused) {
            final List<LineDecision> refused = lines.stream().map(line -> line.accepted()
                    ? new LineDecision(line.lineId(), line.sku(), line.quantity(), false, ORDER_REFUSED_WHOLE) : line).toList();
            return new Decision(order.orderId(), refused);
        }
        taken.forEach((sku, quantity) -> remaining.put(sku, remaining.get(sku).subtract(quantity)));
        return new Decision(order.orderId(), lines);
    }
}
