package io.nifiecommerce.processors.amazon;

import io.nifiecommerce.amazon.OrdersV0;
import io.nifiecommerce.amazon.SellingPartnerClient;
import org.apache.nifi.controller.ControllerService;

import java.util.List;

/**
 * One selling partner on the Selling Partner API of one region: its application's LWA credentials, the marketplaces
 * it sells on, and the channel its orders are booked under. The usage plans are shared by every processor using it.
 */
public interface AmazonConnectionService extends ControllerService {

    /** The SP-API client, LWA token and usage plan gates included, ready to use. */
    SellingPartnerClient client();

    /** The Orders API v0 over {@link #client()} for {@link #marketplaceIds()}. */
    OrdersV0 orders();

    /** Amazon's ids of the marketplaces read, e.g. A13V1IB3VIYZZH (Amazon.fr). */
    List<String> marketplaceIds();

    /** The channel of the orders as the ERP knows it (e.g. amazon): the channel dimension's value, upper-cased. */
    String channel();
}
