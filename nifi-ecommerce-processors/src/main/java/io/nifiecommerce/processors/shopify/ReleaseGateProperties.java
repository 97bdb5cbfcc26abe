package io.nifiecommerce.processors.shopify;

import io.nifiecommerce.order.ReleaseGate;
import io.nifiecommerce.order.ReleasePolicy;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.processor.util.StandardValidators;

/**
 * The two properties every order entry path shares (FetchShopifyOrders, FetchShopifyDraftOrders,
 * ReceiveShopifyOrderWebhook), so that each asks the same {@link ReleaseGate} with the same settings.
 */
final class ReleaseGateProperties {

    static final AllowableValue POLICY_ALL = new AllowableValue(ReleasePolicy.ALL.name(), "All Orders",
            "Every order read goes on (filter with Query Filter if needed).");
    static final AllowableValue POLICY_TAG = new AllowableValue(ReleasePolicy.APPROVAL_TAG.name(), "B2B Approval Tag",
            "B2C orders go on; a B2B order goes on once it carries the Approval Tag.");
    static final AllowableValue POLICY_DRAFT = new AllowableValue(ReleasePolicy.DRAFT_REVIEW.name(), "B2B Draft Review",
            "B2C orders go on; B2B orders are reviewed as draft orders and go on from FetchShopifyDraftOrders once their draft carries "
                    + "the Approval Tag. The order Shopify creates from that draft is not sent again; a B2B order placed without a draft is held.");

    static final PropertyDescriptor RELEASE_POLICY = new PropertyDescriptor.Builder()
            .name("Release Policy")
            .description("Which orders may go on to the ERP. Give every order entry path of a flow (polling, drafts, webhooks) the same "
                    + "policy and tag.")
            .required(true)
            .allowableValues(POLICY_ALL, POLICY_TAG, POLICY_DRAFT)
            .defaultValue(POLICY_ALL.getValue())
            .build();

    static final PropertyDescriptor APPROVAL_TAG = new PropertyDescriptor.Builder()
            .name("Approval Tag")
            .description("The tag the sales administration adds in the Shopify admin to approve a B2B order or draft order (compared "
                    + "without regard to case).")
            .required(true)
            .defaultValue("approved")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .dependsOn(RELEASE_POLICY, POLICY_TAG, POLICY_DRAFT)
            .build();

    private ReleaseGateProperties() {
    }

    static ReleaseGate gate(final PropertyContext context) {
        final ReleasePolicy policy = ReleasePolicy.valueOf(context.getProperty(RELEASE_POLICY).getValue());
        return new ReleaseGate(policy, policy == ReleasePolicy.ALL ? null : context.getProperty(APPROVAL_TAG).getValue());
    }
}
