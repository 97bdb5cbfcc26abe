package io.nifiecommerce.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Draws the faults of a {@link FaultPlan}, reproducibly for a given seed. Thread-safe. Simulators ask
 * {@link #draw()} once per request and act on the answer; {@link #latency()} gives the delay to add.
 */
public final class FaultInjector {

    private volatile FaultPlan plan;
    private final Random random;
    private final SandboxStats stats;
    private final AtomicReference<String> lostAnswerPath = new AtomicReference<>();
    private final AtomicReference<String> droppedPath = new AtomicReference<>();

    public FaultInjector(final FaultPlan plan, final long seed, final SandboxStats stats) {
        this.plan = plan;
        this.random = new Random(seed);
        this.stats = stats;
    }

    public FaultPlan plan() {
        return plan;
    }

    public void plan(final FaultPlan newPlan) {
        this.plan = newPlan;
    }

    /** The fault for this request, if any; counted in the stats under {@code faults.<KIND>}. */
    public Optional<Fault> draw() {
        final FaultPlan current = plan;
        if (current.faultRate() <= 0) {
            return Optional.empty();
        }
        final double roll;
        final int pick;
        final List<Fault> kinds = enabledKinds(current);
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        synchronized (random) {
            roll = random.nextDouble();
            pick = random.nextInt(kinds.size());
        }
        if (roll >= current.faultRate()) {
            return Optional.empty();
        }
        final Fault fault = kinds.get(pick);
        stats.increment("faults." + fault.name());
        return Optional.of(fault);
    }

    /**
     * Makes the next write whose request path contains {@code pathPart} lose its answer: the change is applied, then the
     * connection is closed without a response. For tests that need the lost-ack case on one precise request.
     */
    public void loseNextAnswer(final String pathPart) {
        lostAnswerPath.set(pathPart);
    }

    /** Whether this write is the one {@link #loseNextAnswer} named (then it is taken: once). */
    public boolean takeLostAnswer(final String path) {
        final String part = lostAnswerPath.get();
        return part != null && path.contains(part) && lostAnswerPath.compareAndSet(part, null);
    }

    /**
     * Makes the next write whose request path contains {@code pathPart} drop its connection <em>before</em> the change is
     * applied: to the client, the same silence as {@link #loseNextAnswer}, with nothing written.
     */
    public void dropNextRequest(final String pathPart) {
        droppedPath.set(pathPart);
    }

    /** Whether this write is the one {@link #dropNextRequest} named (then it is taken: once). */
    public boolean takeDroppedRequest(final String path) {
        final String part = droppedPath.get();
        return part != null && path.contains(part) && droppedPath.compareAndSet(part, null);
    }

    /** Whether a write that fails should fail after its change is applied (the response is lost). */
    public boolean afterCommit() {
        final FaultPlan current = plan;
        if (!current.faultAfterCommit()) {
            return false;
        }
        synchronized (random) {
            return random.nextBoolean();
        }
    }

    /** Log-normal latency around the plan's median (sigma 0.5), zero when the plan has none. */
    public Duration latency() {
        final Duration median = plan.latencyMedian();
        if (median.isZero()) {
            return Duration.ZERO;
        }
        final double gaussian;
        synchronized (random) {
            gaussian = random.nextGaussian();
        }
        return Duration.ofNanos((long) (median.toNanos() * Math.exp(0.5 * gaussian)));
    }

    private static List<Fault> enabledKinds(final FaultPlan plan) {
        final List<Fault> kinds = new ArrayList<>(5);
        if (plan.throttle()) {
            kinds.add(Fault.THROTTLE);
        }
        if (plan.serverError()) {
            kinds.add(Fault.SERVER_ERROR);
        }
        if (plan.timeout()) {
            kinds.add(Fault.TIMEOUT);
        }
        if (plan.connectionReset()) {
            kinds.add(Fault.CONNECTION_RESET);
        }
        if (plan.malformedBody()) {
            kinds.add(Fault.MALFORMED_BODY);
        }
        return kinds;
    }
}
