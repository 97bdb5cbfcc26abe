package io.nifiecommerce.http;

import java.util.function.Supplier;

/**
 * Reads again a GET whose answer could not be read (cut, garbled: {@link ApiException#UNREADABLE}). A GET is safe to
 * send again, and ending the caller's pass at each cut answer stalled large reads at a 10 % fault rate (an order read
 * every hundred orders, a window of fifty pages). Writes never come here: their cut answer may follow an applied change.
 */
public final class CutAnswers {

    /** Sends of one GET before a cut answer is handed to the caller. */
    public static final int TRIES = 3;

    private CutAnswers() {
    }

    /** The answer of {@code get}, sent up to {@link #TRIES} times while its answer is unreadable. */
    public static <T> T readAgain(final Supplier<T> get) {
        for (int attempt = 1; ; attempt++) {
            try {
                return get.get();
            } catch (final ApiException e) {
                if (!ApiException.UNREADABLE.equals(e.code()) || attempt >= TRIES) {
                    throw e;
                }
            }
        }
    }
}
