package org.golem.vm.provider.infrastructure.pricing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.golem.vm.provider.application.port.TokenPriceSource;

/** The {@link TokenPriceSource} port on an HTTP price feed ({@link PriceFeedClient}). */
@ApplicationScoped
public class HttpTokenPriceSource implements TokenPriceSource {

    private PriceFeedClient client;

    @PostConstruct
    void init() {
        client = new PriceFeedClient(); // here, not in a field initializer: container proxies would each build one
    }

    @Override
    public BigDecimal fetchUsdPrice(URI url, Duration timeout) throws IOException {
        return client.fetchUsdPrice(url, timeout);
    }
}
