package io.nifiecommerce.sandbox.shopify;

import java.math.BigDecimal;
import java.util.Map;

/** Shopify money values: a Decimal amount as a string ("20.0", "12.35") and a currency code. */
final class MoneyBag {

    private MoneyBag() {
    }

    static String decimal(final BigDecimal amount) {
        final BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1).toPlainString() : stripped.toPlainString();
    }

    static Map<String, Object> money(final BigDecimal amount, final String currency) {
        return Map.of("__typename", "MoneyV2", "amount", decimal(amount), "currencyCode", currency);
    }

    /** Shop and presentment money are the same: the sandbox's orders are in one currency. */
    static Map<String, Object> bag(final BigDecimal amount, final String currency) {
        final Map<String, Object> money = money(amount, currency);
        return Map.of("__typename", "MoneyBag", "shopMoney", money, "presentmentMoney", money);
    }
}
