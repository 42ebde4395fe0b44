package org.golem.vm.provider.application.port;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/** Where the USD price of the stream token comes from (an HTTP price feed for the first adapter). */
public interface TokenPriceSource {

    /**
     * @param url     the feed, an http(s) URL answering a JSON document with the price
     * @param timeout how long the whole request may take
     * @return USD per whole token, as the feed gives it
     * @throws IOException when the feed cannot be reached or its answer carries no usable price
     */
    BigDecimal fetchUsdPrice(URI url, Duration timeout) throws IOException;
}
