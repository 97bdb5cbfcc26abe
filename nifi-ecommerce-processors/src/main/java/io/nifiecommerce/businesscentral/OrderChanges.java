package io.nifiecommerce.businesscentral;

import io.nifiecommerce.order.Order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What differs between an order as the shop has it now and its open sales order in BC: the quantity
 * of each item, summed over lines (an added line is an item BC lacks, a removed one an item the shop
 * no longer has units of). Shipping and other non-item lines are not compared. The shop's side is
 * each line's remaining quantity, after edits and refunds.
 */
public final class OrderChanges {

    private OrderChanges() {
    }

    /**
     * @param itemNumbers BC item number of each order line, in line order
     * @return one sentence per differing item, in item-number order; empty when the order is unchanged
     */
    public static List<String> between(final Order order, final List<String> itemNumbers, final OpenSalesOrder inBc) {
        final Map<String, BigDecimal> shop = new TreeMap<>();
        for (int i = 0; i < order.lines().size(); i++) {
            shop.merge(itemNumbers.get(i).toUpperCase(Locale.ROOT), BigDecimal.valueOf(order.lines().get(i).remainingQuantity()), BigDecimal::add);
        }
        final Map<String, BigDecimal> bc = new TreeMap<>();
        for (final OpenSalesOrder.Line line : inBc.lines()) {
            if (line.isItem()) {
                bc.merge(line.lineObjectNumber().toUpperCase(Locale.ROOT), line.quantity(), BigDecimal::add);
            }
        }
        final TreeMap<String, Boolean> items = new TreeMap<>();
        shop.keySet().forEach(item -> items.put(item, true));
        bc.keySet().forEach(item -> items.put(item, true));
        final List<String> differences = new ArrayList<>();
        for (final String item : items.keySet()) {
            final BigDecimal inShop = shop.getOrDefault(item, BigDecimal.ZERO);
            final BigDecimal inErp = bc.getOrDefault(item, BigDecimal.ZERO);
            if (inShop.compareTo(inErp) != 0) {
                differences.add("item " + item + ": " + inShop.stripTrailingZeros().toPlainString() + " in the shop, "
                        + inErp.stripTrailingZeros().toPlainString() + " on sales order " + inBc.number());
            }
        }
        return differences;
    }
}
