package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.http.ApiException;
import io.nifiecommerce.http.ErrorClass;
import io.nifiecommerce.processors.ErrorAttributes;
import io.nifiecommerce.stock.InventoryApiException;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

/**
 * Where a publisher's input goes when a call to Shopify failed as a whole, before its records could be routed one by one.
 * Refused credentials or scopes roll the session back and yield: every input would fail alike until the connection is
 * fixed, so none is routed. A transient failure sends the input to retry, penalized; anything else to failure. The
 * routed input carries the error attributes.
 */
public final class ShopifyCallFailure {

    private final Relationship retry;
    private final Relationship failure;
    private final String accessAdvice;

    /**
     * @param accessAdvice what the log tells the operator to check when Shopify refuses the credentials or scopes
     */
    public ShopifyCallFailure(final Relationship retry, final Relationship failure, final String accessAdvice) {
        this.retry = retry;
        this.failure = failure;
        this.accessAdvice = accessAdvice;
    }

    public void route(final ProcessContext context, final ProcessSession session, final FlowFile input, final ComponentLog logger,
                      final ApiException e) {
        route(context, session, input, logger, e.errorClass() == ErrorClass.AUTHENTICATION, e.isTransient(), e.code(), e.getMessage());
    }

    public void route(final ProcessContext context, final ProcessSession session, final FlowFile input, final ComponentLog logger,
                      final InventoryApiException e) {
        route(context, session, input, logger, e.isAuthentication(), e.isTransient(), e.code(), e.getMessage());
    }

    private void route(final ProcessContext context, final ProcessSession session, final FlowFile input, final ComponentLog logger,
                       final boolean refusedAccess, final boolean transientFailure, final String code, final String message) {
        final FlowFile flowFile = session.putAllAttributes(input, ErrorAttributes.of(String.valueOf(code), String.valueOf(message)));
        if (refusedAccess) {
            logger.error("Shopify refused the credentials or their scopes ({}); {}", message, accessAdvice);
            session.rollback();
            context.yield();
        } else if (transientFailure) {
            logger.warn("Shopify unavailable for {} ({}): routing to retry", input, message);
            session.transfer(session.penalize(flowFile), retry);
        } else {
            logger.error("Shopify rejected the request for {}: {} {}", input, code, message);
            session.transfer(flowFile, failure);
        }
    }
}
