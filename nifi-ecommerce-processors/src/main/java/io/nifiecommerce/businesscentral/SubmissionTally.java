package io.nifiecommerce.businesscentral;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The orders of one input by outcome, records that were not valid orders counting as failed. */
public final class SubmissionTally {

    private final Map<OrderOutcome.Status, Integer> counts = new EnumMap<>(OrderOutcome.Status.class);
    private final long truncated;

    public SubmissionTally(final List<OrderOutcome> outcomes, final int invalidRecords) {
        for (final OrderOutcome.Status status : OrderOutcome.Status.values()) {
            counts.put(status, 0);
        }
        counts.merge(OrderOutcome.Status.FAILED, invalidRecords, Integer::sum);
        outcomes.forEach(outcome -> counts.merge(outcome.status(), 1, Integer::sum));
        truncated = outcomes.stream().filter(outcome -> !outcome.truncatedFields().isEmpty()).count();
    }

    public int count(final OrderOutcome.Status status) {
        return counts.get(status);
    }

    /** Orders sent with at least one value cut to fit a BC field. */
    public long truncated() {
        return truncated;
    }

    /** The outcome shared by the orders that succeeded: CREATED, ALREADY_PRESENT, or MIXED when both occur. */
    public String successLabel() {
        final boolean created = count(OrderOutcome.Status.CREATED) > 0;
        final boolean present = count(OrderOutcome.Status.ALREADY_PRESENT) > 0;
        return created && present ? "MIXED" : created ? "CREATED" : "ALREADY_PRESENT";
    }
}
