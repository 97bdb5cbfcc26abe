package io.nifiecommerce.it.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.shopify.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuotaModelTest {

    @Test
    void theBucketBindsWhenBcStaysInsideOneWindow() {
        // the 2-node run of docs/benchmarks.md: 1,740,944 points on the Enterprise bucket, 4,171 BC requests
        final QuotaModel model = QuotaModel.of(Map.of("shopify.cost.spent", 1_740_944L, "bc.apiRequests", 4_171L),
                RateLimit.ENTERPRISE, BcSimulatorConfig.defaults());
        assertEquals(Duration.ofMillis(850_472), model.shopify(), "(P - B) / r = (1,740,944 - 40,000) / 2,000");
        assertEquals(Duration.ZERO, model.businessCentral(), "4,171 requests fit in BC's first window");
        assertEquals(model.shopify(), model.least());
    }

    @Test
    void bcWindowsCountFromTheSecondAndBatchOperationsCountWhenBcCountsThem() {
        final Map<String, Long> stats = Map.of("bc.apiRequests", 12_001L, "bc.batch.requests", 0L);
        assertEquals(Duration.ofMinutes(10), QuotaModel.of(stats, RateLimit.STANDARD, BcSimulatorConfig.defaults()).businessCentral(),
                "12,001 requests need a third window: 2 x 5 min at least");
        final Map<String, Long> batched = Map.of("bc.apiRequests", 100L, "bc.batch.requests", 100L, "bc.batch.operations", 10_000L,
                "bc.throttled.window", 0L);
        assertEquals(Duration.ZERO, QuotaModel.of(batched, RateLimit.STANDARD, BcSimulatorConfig.defaults()).businessCentral(),
                "a $batch counts once by default: 100 requests fit in the first window");
        assertEquals(Duration.ofMinutes(5), QuotaModel.of(batched, RateLimit.STANDARD, BcSimulatorConfig.defaults().withBatchCountsAsOne(false))
                .businessCentral(), "each operation counted: 10,000 need a second window");
    }

    @Test
    void theSummaryGivesElapsedOverTheModel() {
        final ObjectNode json = new ObjectMapper().createObjectNode();
        QuotaModel.of(Map.of("shopify.cost.spent", 42_000L, "shopify.graphqlRequests", 500L, "shopify.throttled.bucket", 5L),
                RateLimit.STANDARD, BcSimulatorConfig.defaults()).writeTo(json, Duration.ofSeconds(480));
        assertEquals(400.0, json.path("quota").path("modelSeconds").asDouble(), "(42,000 - 2,000) / 100");
        assertEquals(1.2, json.path("quota").path("elapsedOverModel").asDouble());
        assertEquals(5, json.path("quota").path("shopifyThrottledByBucket").asLong());
    }
}
