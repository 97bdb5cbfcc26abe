package io.nifiecommerce.shopify.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a read commits when the work done at the end of a page (tagging its drafts for review) fails. */
class WindowedOrderReadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Three pages of two orders, cursors p1 and p2 between them. */
    private static final class ThreePages implements OrderPages {
        final List<String> cursorsRead = new ArrayList<>();

        @Override
        public OrderPageReader.OrderPage read(final String search, final String after) {
            cursorsRead.add(after);
            final int page = after == null ? 0 : Integer.parseInt(after.substring(1));
            final List<ObjectNode> orders = new ArrayList<>();
            for (int i = 2 * page + 1; i <= 2 * page + 2; i++) {
                orders.add(MAPPER.createObjectNode().put("id", "o" + i).put("updatedAt", T0.plusSeconds(i).toString()));
            }
            return new OrderPageReader.OrderPage(orders, page < 2, "p" + (page + 1), "2026-04", 10, 1);
        }

        @Override
        public int pageSize() {
            return 2;
        }
    }

    /** Commits like a session: what was accepted since the last checkpoint, with the state. */
    private static final class Session implements OrderSink {
        final List<String> committed = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        SyncState state = SyncState.empty();
        int pageEndsToFail;
        int pagesEnded;

        @Override
        public boolean accept(final ObjectNode order) {
            pending.add(order.path("id").asText());
            return true;
        }

        @Override
        public void endOfPage() {
            if (++pagesEnded == pageEndsToFail) {
                throw new ApiException(ErrorClass.TRANSIENT, 503, "UNAVAILABLE", "tagging the page failed");
            }
        }

        @Override
        public void checkpoint(final SyncState newState) {
            committed.addAll(pending);
            pending.clear();
            state = newState;
        }

        @Override
        public void servedApiVersion(final String version) {
        }

        @Override
        public boolean stopRequested() {
            return false;
        }

        /** A failed run: what was not checkpointed is rolled back. */
        void rollback() {
            pending.clear();
        }
    }

    @Test
    void aPageWhoseEndFailsIsReadAgainFromItsStartAndItsOrdersAreNotWrittenTwice() throws Exception {
        final ThreePages pages = new ThreePages();
        final Session session = new Session();
        session.pageEndsToFail = 2;
        final WindowedOrderRead read = new WindowedOrderRead(pages, Duration.ofMinutes(1), "status:open", 1000, 25_000);
        final Instant now = T0.plusSeconds(60);

        assertThrows(ApiException.class, () -> read.read(session.state, now, null, session));
        session.rollback();
        assertEquals("p1", session.state.window().after(), "the checkpoint resumes at the failed page's start, after the first page");
        assertEquals(List.of("o1", "o2", "o3", "o4"), session.committed, "the orders accepted before the failure commit with it");

        session.pageEndsToFail = 0;
        read.read(session.state, now.plusSeconds(60), null, session);
        assertEquals(List.of("o1", "o2", "o3", "o4", "o5", "o6"), session.committed, "each order once");
        assertEquals(Arrays.asList(null, "p1", "p1", "p2"), pages.cursorsRead, "the second run starts again at the failed page");
    }
}
