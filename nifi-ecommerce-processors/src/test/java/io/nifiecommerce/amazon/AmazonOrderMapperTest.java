package io.nifiecommerce.amazon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifiecommerce.order.Order;
import io.nifiecommerce.order.OrderLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Amazon's line prices, VAT and promotions into the canonical order. */
class AmazonOrderMapperTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AmazonOrderMapper mapper = new AmazonOrderMapper("amazon");

    private static JsonNode json(final String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    private static JsonNode order(final String marketplace, final String status, final String total) throws Exception {
        return json("{'AmazonOrderId':'405-1234567-7654321','PurchaseDate':'2026-11-20T09:00:00Z','LastUpdateDate':'2026-11-20T09:10:00Z',"
                + "'OrderStatus':'" + status + "','FulfillmentChannel':'MFN','SalesChannel':'Amazon.fr','MarketplaceId':'" + marketplace + "',"
                + "'ShipmentServiceLevelCategory':'Standard','ShipServiceLevel':'Std FR Dom_1','IsBusinessOrder':false,'IsPrime':true,"
                + (total == null ? "" : "'OrderTotal':{'CurrencyCode':'EUR','Amount':'" + total + "'},")
                + "'ShippingAddress':{'City':'Lyon','PostalCode':'69003','CountryCode':'FR'},'BuyerInfo':{}}");
    }

    /** Three units for 10.00 VAT included, a 1.00 promotion, 3.99 shipping at 20 %. */
    private static JsonNode item() throws Exception {
        return json("{'OrderItemId':'11111111111111','SellerSKU':'SKU-1','Title':'Lampe','QuantityOrdered':3,"
                + "'ItemPrice':{'CurrencyCode':'EUR','Amount':'10.00'},'ItemTax':{'CurrencyCode':'EUR','Amount':'1.67'},"
                + "'PromotionDiscount':{'CurrencyCode':'EUR','Amount':'1.00'},'PromotionDiscountTax':{'CurrencyCode':'EUR','Amount':'0.17'},"
                + "'ShippingPrice':{'CurrencyCode':'EUR','Amount':'3.99'},'ShippingTax':{'CurrencyCode':'EUR','Amount':'0.67'}}");
    }

    @Test
    void euPricesIncludeVatAndTheLineKeepsAmazonsAmountToTheCent() throws Exception {
        final Order order = mapper.map(new AmazonOrder(order("A13V1IB3VIYZZH", "Unshipped", "12.99"), List.of(item())));
        assertTrue(order.taxesIncluded());
        assertEquals("EUR", order.currency());
        assertEquals("405-1234567-7654321", order.name());
        assertEquals("amazon", order.channel());
        final OrderLine line = order.lines().get(0);
        assertEquals("SKU-1", line.sku());
        assertEquals(new BigDecimal("3.34"), line.unitPrice());
        // 3 x 3.34 = 10.02: the 0.02 of rounding and the 1.00 promotion are the line's discount
        assertEquals(new BigDecimal("1.02"), line.discountAmount());
        assertEquals(new BigDecimal("9.00"), line.netAmount());
        assertEquals(new BigDecimal("1.50"), line.taxAmount());
        assertEquals(new BigDecimal("0.2"), line.taxRate());
        assertEquals(new BigDecimal("3.99"), order.shippingLines().get(0).price());
        assertEquals(new BigDecimal("0.2"), order.shippingLines().get(0).taxRate());
        assertEquals(new BigDecimal("12.99"), order.totalPrice());
        assertEquals(new BigDecimal("2.17"), order.totalTax());
        assertNull(order.customer(), "no buyer data without a Restricted Data Token");
        assertEquals("Lyon", order.shippingAddress().city());
        assertNull(order.shippingAddress().address1());
        assertTrue(order.tags().contains("amazon-prime"));
    }

    @Test
    void outsideEuropeTaxIsAddedToPrices() throws Exception {
        final Order order = mapper.map(new AmazonOrder(order("ATVPDKIKX0DER", "Shipped", "15.16"), List.of(item())));
        assertEquals(false, order.taxesIncluded());
        assertEquals(new BigDecimal("15.16"), order.totalPrice());
        assertEquals("PAID", order.financialStatus());
        assertEquals("FULFILLED", order.fulfillmentStatus());
    }

    @Test
    void aCancelledOrderCarriesNoLine() throws Exception {
        final Order order = mapper.map(new AmazonOrder(order("A13V1IB3VIYZZH", "Canceled", null), List.of()));
        assertEquals("2026-11-20T09:10:00Z", order.cancelledAt());
        assertTrue(order.lines().isEmpty());
        assertEquals("VOIDED", order.financialStatus());
    }

    @Test
    void whatTheErpCannotBookIsRefusedWithTheReason() throws Exception {
        final JsonNode noSku = item();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noSku).remove("SellerSKU");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mapper.map(new AmazonOrder(order("A13V1IB3VIYZZH", "Unshipped", "12.99"),
                List.of(noSku)))).getMessage().contains("SellerSKU"));
        final JsonNode dollars = item();
        ((com.fasterxml.jackson.databind.node.ObjectNode) dollars.path("ShippingPrice")).put("CurrencyCode", "USD");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mapper.map(new AmazonOrder(order("A13V1IB3VIYZZH", "Unshipped", "12.99"),
                List.of(dollars)))).getMessage().contains("USD"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mapper.map(new AmazonOrder(order("A13V1IB3VIYZZH", "Unshipped", "99.99"),
                List.of(item())))).getMessage().contains("OrderTotal"));
        final JsonNode noPrice = item();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noPrice).remove("ItemPrice");
        assertThrows(IllegalArgumentException.class, () -> mapper.map(new AmazonOrder(order("A13V1IB3VIYZZH", "Unshipped", null), List.of(noPrice))));
    }

    @Test
    void theRateIsTheRoundestThatGivesAmazonsCentsBack() {
        assertEquals(new BigDecimal("0.2"), AmazonOrderMapper.rate(new BigDecimal("3.99"), new BigDecimal("0.67"), true));
        assertEquals(new BigDecimal("0.055"), AmazonOrderMapper.rate(new BigDecimal("10.55"), new BigDecimal("0.55"), true));
        assertEquals(new BigDecimal("0.1"), AmazonOrderMapper.rate(new BigDecimal("5.00"), new BigDecimal("0.45"), true));
        assertEquals(new BigDecimal("0.07"), AmazonOrderMapper.rate(new BigDecimal("10.00"), new BigDecimal("0.70"), false));
        assertNull(AmazonOrderMapper.rate(BigDecimal.ZERO, BigDecimal.ZERO, true));
    }
}
