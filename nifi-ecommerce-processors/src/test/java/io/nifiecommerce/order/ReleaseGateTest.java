package io.nifiecommerce.order;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseGateTest {

    static Order order(final String gid, final Segment segment, final String status, final String... tags) {
        return new Order("shopify", gid, gid.contains("Draft") ? "#D7" : "#1007", segment, "web", null, null, null, null, "EUR", false,
                status, null, null, List.of(tags), null, null, null, null, null, null, List.of(), List.of(), null, null, null, null, null);
    }

    private static final String ORDER = "gid://shopify/Order/1";
    private static final String DRAFT = "gid://shopify/DraftOrder/7";

    @Test
    void allLetsEveryOrderThroughButNeverAnUnapprovedDraft() {
        final ReleaseGate gate = ReleaseGate.all();
        assertTrue(gate.decide(order(ORDER, Segment.B2B, "PAID")).released());
        assertTrue(gate.decide(order(ORDER, Segment.B2C, "PAID")).released());
        assertEquals(Release.AWAITING_APPROVAL, gate.decide(order(DRAFT, Segment.B2B, "OPEN", "approved")).reason());
    }

    @Test
    void approvalTagHoldsB2bUntilTaggedWhateverTheCase() {
        final ReleaseGate gate = new ReleaseGate(ReleasePolicy.APPROVAL_TAG, "Validated");
        assertTrue(gate.decide(order(ORDER, Segment.B2C, "PAID")).released());
        final Release held = gate.decide(order(ORDER, Segment.B2B, "PAID", "b2b"));
        assertFalse(held.released());
        assertEquals(Release.AWAITING_APPROVAL, held.reason());
        assertTrue(gate.decide(order(ORDER, Segment.B2B, "PAID", "b2b", " validated ")).released());
    }

    @Test
    void draftReviewSendsApprovedOpenDraftsOnlyAndNeverTheirOrders() {
        final ReleaseGate gate = new ReleaseGate(ReleasePolicy.DRAFT_REVIEW, "approved");
        assertTrue(gate.decide(order(DRAFT, Segment.B2B, "OPEN", "b2b-review", "approved")).released());
        assertTrue(gate.decide(order(DRAFT, Segment.B2B, "INVOICE_SENT", "approved")).released());
        assertEquals(Release.AWAITING_APPROVAL, gate.decide(order(DRAFT, Segment.B2B, "OPEN", "b2b-review")).reason());
        assertEquals(Release.DRAFT_CLOSED, gate.decide(order(DRAFT, Segment.B2B, "COMPLETED", "approved")).reason());
        // the order created by completing the draft keeps the draft's tags: it went to the ERP as the draft
        assertEquals(Release.RELEASED_AS_DRAFT, gate.decide(order(ORDER, Segment.B2B, "PENDING", "approved")).reason());
        assertEquals(Release.NOT_REVIEWED, gate.decide(order(ORDER, Segment.B2B, "PAID")).reason());
        assertTrue(gate.decide(order(ORDER, Segment.B2C, "PAID")).released());
    }

    @Test
    void aPolicyWithApprovalNeedsATag() {
        assertThrows(IllegalArgumentException.class, () -> new ReleaseGate(ReleasePolicy.APPROVAL_TAG, " "));
        assertThrows(IllegalArgumentException.class, () -> new ReleaseGate(ReleasePolicy.DRAFT_REVIEW, null));
    }
}
