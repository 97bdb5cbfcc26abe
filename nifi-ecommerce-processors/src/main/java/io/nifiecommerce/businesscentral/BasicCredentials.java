package io.nifiecommerce.businesscentral;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** User name and web service access key (or password) of an on-premises server. */
public final class BasicCredentials implements Credentials {

    private final String header;

    public BasicCredentials(final String username, final String password) {
        this.header = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String authorization() {
        return header;
    }

    @Override
    public String toString() {
        return "BasicCredentials[****]";
    }
}
