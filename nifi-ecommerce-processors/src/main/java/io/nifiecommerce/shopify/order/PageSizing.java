package io.nifiecommerce.shopify.order;

/**
 * The size of the next page of a connection read page after page, fitted to the requestedQueryCost Shopify reports.
 * It starts at what the documented worst-case cost allows under the target and follows the costs observed: with two
 * sizes seen, the cost is taken as a straight line through them (a fixed part for the nested connections, a part per
 * node), which never under-estimates since real costs bend below it as pages grow; with one, as proportional to the
 * size. A nested connection Shopify charges once per page (the lines of each order or draft) can make one node cost
 * most of the target while a second costs little: when the proportional rule would keep the size, one more node is
 * tried once, if even a node costing as much as the whole page stays under the single-query limit, to learn the line.
 */
public final class PageSizing {

    /** Shopify refuses a single query requesting more than this (MAX_COST_EXCEEDED). */
    public static final int SINGLE_QUERY_LIMIT = 1000;

    private final int max;
    private final int target;
    private int size;
    private int lastSize;
    private double lastCost;
    private boolean lineKnown;

    /**
     * @param initial the size the documented worst case allows
     * @param max     the largest size asked (Shopify's 250, or less)
     * @param target  the cost aimed at, with a margin under {@link #SINGLE_QUERY_LIMIT}
     */
    public PageSizing(final int initial, final int max, final int target) {
        this.max = Math.max(1, max);
        this.target = target;
        this.size = Math.max(1, Math.min(this.max, initial));
    }

    /** The size to ask for next. */
    public int size() {
        return size;
    }

    /** Fits the next size to the requested cost of a page of the current size (0 or less: not reported, kept). */
    public void observed(final double requested) {
        if (requested <= 0) {
            return;
        }
        int next = (int) Math.floor(size * target / requested);
        if (lastSize > 0 && lastSize != size) {
            final double perNode = (requested - lastCost) / (size - lastSize);
            final double fixed = requested - perNode * size;
            if (perNode > 0 && fixed < target) {
                next = Math.max(next, (int) Math.floor((target - fixed) / perNode));
            }
            lineKnown = true;
        }
        if (!lineKnown && next <= size && size < max && requested + requested / size <= SINGLE_QUERY_LIMIT) {
            next = size + 1;
        }
        lastSize = size;
        lastCost = requested;
        size = Math.max(1, Math.min(max, next));
    }

    /** After MAX_COST_EXCEEDED: halves the size; false when it is 1 already and the page cannot be made cheaper. */
    public boolean shrink() {
        if (size == 1) {
            return false;
        }
        size = Math.max(1, size / 2);
        return true;
    }
}
