package io.nifiecommerce.processors.businesscentral;

import io.nifiecommerce.businesscentral.BusinessCentralClient;
import io.nifiecommerce.businesscentral.BusinessCentralEndpoint;
import org.apache.nifi.controller.ControllerService;

/**
 * One Business Central company: endpoint, credentials and the request governor (concurrency cap and
 * request window) that every processor using the service shares, so that together they stay inside
 * BC's limits for the user or app.
 */
public interface BusinessCentralConnectionService extends ControllerService {

    /** The client, ready to use; the same instance (and governor) for every caller. */
    BusinessCentralClient client();

    /** The company's id (a GUID), resolved from its name on first use when a name was configured. */
    String companyId();

    /** The environment's endpoint (service root and standard API route). */
    default BusinessCentralEndpoint endpoint() {
        return client().endpoint();
    }
}
