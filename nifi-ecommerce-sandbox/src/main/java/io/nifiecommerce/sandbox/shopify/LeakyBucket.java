package io.nifiecommerce.sandbox.shopify;

/**
 * Shopify's rate limit for one app on one shop: a bucket of {@code capacity} points refilled at
 * {@code restoreRate} points per second. A query takes its requested cost up front and gets back
 * the difference with its actual cost; when the bucket holds less than the requested cost, the
 * query is throttled.
 */
public final class LeakyBucket {

    private final int capacity;
    private final int restoreRate;
    private double available;
    private long lastNanos;

    public LeakyBucket(final int capacity, final int restoreRate) {
        this.capacity = capacity;
        this.restoreRate = restoreRate;
        this.available = capacity;
        this.lastNanos = System.nanoTime();
    }

    /** Takes {@code cost} points if the bucket has them; false (nothing taken) otherwise. */
    public synchronized boolean tryTake(final int cost) {
        refill();
        if (available < cost) {
            return false;
        }
        available -= cost;
        return true;
    }

    /** Gives back points taken in excess (requested minus actual cost). */
    public synchronized void refund(final int points) {
        refill();
        available = Math.min(capacity, available + Math.max(0, points));
    }

    /** Empties the bucket (a THROTTLE fault or a test). */
    public synchronized void drain() {
        refill();
        available = 0;
    }

    public synchronized int currentlyAvailable() {
        refill();
        return (int) Math.floor(available);
    }

    public int capacity() {
        return capacity;
    }

    public int restoreRate() {
        return restoreRate;
    }

    private void refill() {
        final long now = System.nanoTime();
        available = Math.min(capacity, available + (now - lastNanos) / 1e9 * restoreRate);
        lastNanos = now;
    }
}
