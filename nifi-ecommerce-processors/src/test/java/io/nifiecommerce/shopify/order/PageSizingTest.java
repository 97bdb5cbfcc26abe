package io.nifiecommerce.shopify.order;

import org.junit.jupiter.api.Test;

import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Page sizes fitted to the requested costs a shop reports, never above the target once the cost line is known. */
class PageSizingTest {

    private static final int TARGET = 900;

    /** Sizes asked, page after page, from a shop whose requested cost for a page of n nodes is {@code cost(n)}. */
    private static int[] sizesAsked(final PageSizing sizing, final IntToDoubleFunction cost, final int pages) {
        final int[] sizes = new int[pages];
        for (int i = 0; i < pages; i++) {
            sizes[i] = sizing.size();
            sizing.observed(cost.applyAsDouble(sizes[i]));
        }
        return sizes;
    }

    @Test
    void nestedLinesChargedOncePerPageGrowThePageFromOneDraftToWhatTheTargetAllows() {
        // a draft page: its 50 lines cost 452 once per page, each draft 30 more (how the sandbox and Shopify's captures charge)
        final IntToDoubleFunction cost = n -> 454 + 30.0 * n;
        final int[] sizes = sizesAsked(new PageSizing(1, 250, TARGET), cost, 5);
        assertEquals(1, sizes[0], "the documented worst case allows one draft");
        assertEquals(2, sizes[1], "one more is tried to learn the cost of a draft");
        assertEquals(14, sizes[2], "then the page holds what the target allows: (900 - 454) / 30");
        assertEquals(14, sizes[4]);
        for (final int size : sizes) {
            assertTrue(cost.applyAsDouble(size) <= TARGET, "no page above the target: " + size);
        }
    }

    @Test
    void nodesThatCostTheirWholePageStayOneToAPageAfterOneTrialUnderTheLimit() {
        // a shop that would charge every draft its lines: 484 a draft
        final IntToDoubleFunction cost = n -> 2 + 482.0 * n;
        final int[] sizes = sizesAsked(new PageSizing(1, 250, TARGET), cost, 6);
        assertEquals(2, sizes[1]);
        assertTrue(cost.applyAsDouble(2) <= PageSizing.SINGLE_QUERY_LIMIT, "the trial stays under the single-query limit");
        for (int i = 2; i < sizes.length; i++) {
            assertEquals(1, sizes[i], "once the line is known, no second trial: page " + i);
        }
    }

    @Test
    void noTrialWhenOneMoreNodeCouldPassTheSingleQueryLimit() {
        final PageSizing sizing = new PageSizing(1, 250, TARGET);
        sizing.observed(600);
        assertEquals(1, sizing.size());
    }

    @Test
    void proportionalCostsScaleThePageUpToTheMaximum() {
        final int[] sizes = sizesAsked(new PageSizing(3, 100, TARGET), n -> 5.0 * n, 4);
        assertEquals(100, sizes[1]);
        assertEquals(100, sizes[3]);
    }

    @Test
    void anUnreportedCostKeepsTheSizeAndMaxCostExceededHalvesItDownToOne() {
        final PageSizing sizing = new PageSizing(8, 250, TARGET);
        sizing.observed(0);
        assertEquals(8, sizing.size());
        assertTrue(sizing.shrink());
        assertEquals(4, sizing.size());
        assertTrue(sizing.shrink());
        assertTrue(sizing.shrink());
        assertEquals(1, sizing.size());
        assertFalse(sizing.shrink(), "a page of one cannot be made cheaper");
    }
}
