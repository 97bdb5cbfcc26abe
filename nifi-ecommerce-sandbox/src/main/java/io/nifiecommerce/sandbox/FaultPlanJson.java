package io.nifiecommerce.sandbox;

import java.time.Duration;
import java.util.Map;

/**
 * A {@link FaultPlan} from the JSON posted to {@code /_sandbox/faults}: the record's component
 * names, durations in milliseconds ({@code latencyMedianMillis}, {@code timeoutHoldMillis}).
 * Absent keys keep the current plan's values.
 */
final class FaultPlanJson {

    private FaultPlanJson() {
    }

    static FaultPlan merge(final FaultPlan current, final Map<String, Object> json) {
        return new FaultPlan(number(json, "faultRate", current.faultRate()),
                bool(json, "throttle", current.throttle()), bool(json, "serverError", current.serverError()),
                bool(json, "timeout", current.timeout()), bool(json, "connectionReset", current.connectionReset()),
                bool(json, "malformedBody", current.malformedBody()),
                Duration.ofMillis((long) number(json, "latencyMedianMillis", current.latencyMedian().toMillis())),
                Duration.ofMillis((long) number(json, "timeoutHoldMillis", current.timeoutHold().toMillis())),
                bool(json, "faultAfterCommit", current.faultAfterCommit()));
    }

    static Map<String, Object> toJson(final FaultPlan plan) {
        return Map.of("faultRate", plan.faultRate(), "throttle", plan.throttle(), "serverError", plan.serverError(),
                "timeout", plan.timeout(), "connectionReset", plan.connectionReset(), "malformedBody", plan.malformedBody(),
                "latencyMedianMillis", plan.latencyMedian().toMillis(), "timeoutHoldMillis", plan.timeoutHold().toMillis(),
                "faultAfterCommit", plan.faultAfterCommit());
    }

    private static double number(final Map<String, Object> json, final String key, final double fallback) {
        return json.get(key) instanceof Number number ? number.doubleValue() : fallback;
    }

    private static boolean bool(final Map<String, Object> json, final String key, final boolean fallback) {
        return json.get(key) instanceof Boolean value ? value : fallback;
    }
}
