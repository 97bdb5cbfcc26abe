package io.nifiecommerce.amazon.settlement;

import io.nifiecommerce.mirakl.PeriodSettlement;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The « bilan » of an Amazon settlement, in the same shape as a Mirakl period's so that one writer books both in the
 * ERP: sales (item prices, shipping, gift wrap, promotions, the tax Amazon withheld, of the orders), refunds (the same
 * amounts of refunds and chargebacks), commissions (Amazon's fees on orders and refunds: referral fee, FBA
 * fulfilment fees...), fees (everything else Amazon charged or credited: subscription, storage, advertising,
 * reimbursements), the payout (the deposit, {@code total-amount}) and what stays on Amazon (the reserve it holds back).
 * It reconciles when the report's amounts add up to the deposit; one that does not is for review, never booked.
 */
public record SettlementSummary(PeriodSettlement settlement, BigDecimal totalAmount, BigDecimal sumOfLines, BigDecimal reserve) {

    enum Category { SALE, REFUND, COMMISSION, FEE, RESERVE }

    private static final Set<String> ORDER_AMOUNT_TYPES = Set.of("itemprice", "promotion", "itemwithheldtax");
    private static final Set<String> AMAZON_FEE_TYPES = Set.of("itemfees", "shipmentfees", "orderfees");

    /** The difference between the report's amounts and the deposit: zero when the settlement reconciles. */
    public BigDecimal difference() {
        return sumOfLines.subtract(totalAmount);
    }

    public boolean reconciled() {
        return difference().signum() == 0;
    }

    public static SettlementSummary of(final String marketplace, final SettlementReport report) {
        BigDecimal sales = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal commissions = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal reserve = BigDecimal.ZERO;
        final Map<String, BigDecimal> byOrder = new TreeMap<>();
        final Set<String> orders = new LinkedHashSet<>();
        for (final SettlementLine line : report.lines()) {
            final Category category = category(line);
            switch (category) {
                case SALE -> sales = sales.add(line.amount());
                case REFUND -> refunds = refunds.add(line.amount());
                case COMMISSION -> commissions = commissions.add(line.amount());
                case FEE -> fees = fees.add(line.amount());
                case RESERVE -> reserve = reserve.add(line.amount());
            }
            if (!line.orderId().isEmpty() && category != Category.RESERVE) {
                byOrder.merge(line.orderId(), line.amount(), BigDecimal::add);
                if (category == Category.SALE) {
                    orders.add(line.orderId());
                }
            }
        }
        // the reserve Amazon keeps (a negative amount in the report) stays on the marketplace balance
        final PeriodSettlement settlement = new PeriodSettlement(marketplace, report.start(), report.end(), report.currency(),
                orders.size(), sales, refunds, commissions, fees, BigDecimal.ZERO, report.totalAmount().negate(), reserve.negate(),
                new LinkedHashMap<>(byOrder), List.of(), List.of(), report.settlementId());
        return new SettlementSummary(settlement, report.totalAmount(), report.sumOfLines(), reserve);
    }

    /** How an accountant reads an amount of the report. */
    static Category category(final SettlementLine line) {
        final String description = line.amountDescription().toLowerCase(Locale.ROOT);
        if (description.contains("reserve amount")) {
            return Category.RESERVE;
        }
        final String amountType = line.amountType().toLowerCase(Locale.ROOT);
        final String transaction = line.transactionType().toLowerCase(Locale.ROOT);
        if (ORDER_AMOUNT_TYPES.contains(amountType)) {
            return transaction.startsWith("refund") || transaction.startsWith("chargeback") || transaction.startsWith("a-to-z")
                    ? Category.REFUND : Category.SALE;
        }
        if (AMAZON_FEE_TYPES.contains(amountType)) {
            return Category.COMMISSION;
        }
        return Category.FEE;
    }
}
