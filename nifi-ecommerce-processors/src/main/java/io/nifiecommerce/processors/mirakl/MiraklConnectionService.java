package io.nifiecommerce.processors.mirakl;

import io.nifiecommerce.mirakl.MiraklSellerApi;
import org.apache.nifi.controller.ControllerService;

/** One seller shop on one Mirakl marketplace: the operator's instance, the shop's API key, and the marketplace's code. */
public interface MiraklConnectionService extends ControllerService {

    /** The seller API of the shop, ready to use. */
    MiraklSellerApi api();

    /** The marketplace's code as the integrator names it (e.g. carrefour): the orders' channel, for attributes and the ERP. */
    String marketplace();
}
