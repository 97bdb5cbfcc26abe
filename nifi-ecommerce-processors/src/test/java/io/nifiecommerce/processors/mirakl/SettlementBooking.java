package io.nifiecommerce.processors.mirakl;

import com.sun.net.httpserver.HttpServer;
import io.nifiecommerce.processors.businesscentral.BusinessCentralTestSupport;
import io.nifiecommerce.sandbox.FaultInjector;
import io.nifiecommerce.sandbox.FaultPlan;
import io.nifiecommerce.sandbox.SandboxStats;
import io.nifiecommerce.sandbox.bc.BcCompany;
import io.nifiecommerce.sandbox.bc.BcSimulatorConfig;
import io.nifiecommerce.sandbox.bc.BusinessCentralSimulator;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

/**
 * A PutBusinessCentralMarketplaceSettlement runner against a BC simulator company holding the marketplace's customer,
 * vendor and journal MARKETPL (commissions on 6226, bank BNP, clearing 4678). Stop the server after the test.
 */
public record SettlementBooking(TestRunner runner, BcCompany company, HttpServer server) {

    public static SettlementBooking start(final String customer, final String vendor, final String name) throws Exception {
        final SandboxStats stats = new SandboxStats();
        final BusinessCentralSimulator bc = new BusinessCentralSimulator(BcSimulatorConfig.defaults(),
                new FaultInjector(FaultPlan.all(0), 1, stats), stats);
        final BcCompany company = bc.createCompany("CRONUS FR");
        company.putCustomer(customer, name, null, null);
        company.putVendor(vendor, name);
        company.putJournal("MARKETPL", "Marketplaces");
        final TestRunner runner = TestRunners.newTestRunner(new PutBusinessCentralMarketplaceSettlement());
        final HttpServer server = BusinessCentralTestSupport.connectToSimulator(runner, bc, "CRONUS FR", "10 sec", "3");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.BC_CONNECTION, "bc");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.CUSTOMER, customer);
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.VENDOR, vendor);
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.COMMISSION_ACCOUNT, "6226");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.BANK_ACCOUNT, "BNP");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.CLEARING_ACCOUNT, "4678");
        runner.setProperty(PutBusinessCentralMarketplaceSettlement.JOURNAL, "MARKETPL");
        return new SettlementBooking(runner, company, server);
    }
}
