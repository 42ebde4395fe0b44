package org.golem.vm.provider.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.golem.vm.common.wire.Violation;
import org.golem.vm.common.wire.WireValidation;
import org.golem.vm.provider.application.port.TokenPriceSource;
import org.golem.vm.provider.config.ProviderSettings;

/**
 * The token price updater (the original provider's {@code PricingAutoUpdater}), an EJB interval timer
 * ({@code golem.provider.pricing.feed-interval-seconds}, at least 10 s; first read shortly after startup): when
 * {@code golem.provider.pricing.feed-url} is set, reads the stream token's USD price from it
 * ({@link PriceFeedClient}) and, when it moved by at least 1 % ({@link #MIN_DELTA_PERCENT}) from the current
 * {@code pricing.token-usd-price} ({@link #significantChange}) and the provider can advertise it (rounded to at
 * most 12 decimal places and within discovery's limits: {@link #advertisable}), stores it as the operator's live
 * value (persisted, so it survives a restart) and fires {@link ProviderChanged} so the advertiser re-advertises the
 * new prices.
 *
 * <p>A failed read changes nothing: the price stays as it was, the failure is counted ({@link #task()}) and the next
 * tick tries again.
 */
@Singleton
@Startup
@DependsOn("ProviderStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class PriceFeed {
    private static final Logger LOG = Logger.getLogger(PriceFeed.class.getName());

    /** Full name of the live setting the feed updates. */
    public static final String TOKEN_PRICE_KEY = ProviderSettings.PREFIX + "pricing.token-usd-price";
    /** The original's {@code PRICING_UPDATE_MIN_DELTA_PERCENT}: smaller moves are ignored. */
    public static final BigDecimal MIN_DELTA_PERCENT = BigDecimal.ONE;
    /** The original's CoinGecko timeout. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Resource
    TimerService timers;

    @Inject
    ProviderSettings settings;

    @Inject
    Event<ProviderChanged> changed;

    @Inject
    PricingService pricing;

    @Inject
    Clock clock;

    @Inject
    TokenPriceSource client;

    private PeriodicTask task;
    private volatile BigDecimal lastFetched;
    private volatile long lastFetchedAt;

    @PostConstruct
    void init() {
        task = new PeriodicTask("price-feed", () -> settings.priceFeedIntervalSeconds(), clock);
        task.schedule(timers);
        if (settings.priceFeedUrl().isPresent()) {
            // the original reads the price at once; do it on a timer thread, not during deployment
            timers.createSingleActionTimer(2_000, new TimerConfig("price-feed-first", false));
        } else {
            LOG.info("price feed: golem.provider.pricing.feed-url not set; the token price is the configured one");
        }
    }

    @Timeout
    void tick() {
        task.tick(timers, () -> {
            if (settings.priceFeedUrl().isPresent()) {
                refresh();
            }
        });
    }

    /** @return run and failure counters of the timer */
    public PeriodicTask task() {
        return task;
    }

    /** Re-reads the interval. */
    public void reschedule() {
        task.schedule(timers);
    }

    /** @return the price read last (USD per whole token), whether applied or not; empty before the first read */
    public Optional<BigDecimal> lastFetched() {
        return Optional.ofNullable(lastFetched);
    }

    /** @return epoch ms of the last successful read, empty before the first */
    public Optional<Long> lastFetchedAt() {
        long at = lastFetchedAt;
        return at == 0 ? Optional.empty() : Optional.of(at);
    }

    /**
     * Reads the feed once and applies the price when it moved enough.
     *
     * @return the price applied (USD per whole token), or empty when no feed is set or the change was below
     *         1 % ({@link #MIN_DELTA_PERCENT})
     * @throws IOException when the feed cannot be read or gives no positive price, or a price the provider could not
     *                     advertise ({@link #advertisable}, or whole-token prices of 10^20 or more with the current
     *                     USD prices); nothing changed
     * @throws IllegalArgumentException when the feed URL setting is not an absolute http(s) URL
     */
    public Optional<BigDecimal> refresh() throws IOException {
        Optional<String> url = settings.priceFeedUrl();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal read = client.fetchUsdPrice(URI.create(url.get()), FETCH_TIMEOUT);
        lastFetched = read;
        lastFetchedAt = clock.millis();
        BigDecimal fetched = advertisable(read);
        List<Violation> refused = pricing.advertisable(pricing.usd(), fetched);
        if (!refused.isEmpty()) {
            throw new IOException("price feed: token price " + fetched.toPlainString() + " USD not applied, the "
                    + "advertisement would be refused: " + refused.get(0) + "; the price stays as it was");
        }
        BigDecimal current;
        try {
            current = settings.tokenUsdPrice();
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "price feed: the configured token price is unusable (" + e.getMessage()
                    + "); replacing it with the feed's");
            current = null;
        }
        if (!significantChange(current, fetched)) {
            LOG.fine(() -> "price feed: " + fetched.toPlainString() + " USD differs by less than "
                    + MIN_DELTA_PERCENT.toPlainString() + " % from the current price; unchanged");
            return Optional.empty();
        }
        settings.operator().putAll(Map.of(TOKEN_PRICE_KEY, fetched.toPlainString()));
        String before = current == null ? "unset" : current.toPlainString();
        LOG.info(() -> "price feed: token price " + before + " -> " + fetched.toPlainString() + " USD");
        changed.fireAsync(new ProviderChanged("token price changed"));
        return Optional.of(fetched);
    }

    /**
     * A token price from a feed as the provider may advertise it: rounded half-up to
     * {@value WireValidation#USD_FRACTION_DIGITS} decimal places, from 10^-12 to below 10^18 USD (what discovery
     * accepts, {@link WireValidation#tokenUsdPrice}). Judged from the digits and exponent first, so an absurd
     * {@code 1e999999999} from a broken feed is refused without being written out.
     *
     * @param fetched the feed's price, USD per whole token, positive
     * @return the price rounded to at most 12 decimal places
     * @throws IOException when it is below 10^-12 or at least 10^18 USD (nothing changes)
     */
    public static BigDecimal advertisable(BigDecimal fetched) throws IOException {
        long magnitude = (long) fetched.precision() - fetched.scale(); // 10^(magnitude-1) <= fetched < 10^magnitude
        if (magnitude < -(WireValidation.USD_FRACTION_DIGITS - 1) || magnitude > WireValidation.USD_INTEGER_DIGITS) {
            throw new IOException("price feed: a token price of " + fetched + " USD cannot be advertised (at least "
                    + "10^-" + WireValidation.USD_FRACTION_DIGITS + " and below 10^" + WireValidation.USD_INTEGER_DIGITS
                    + " USD); the price stays as it was");
        }
        BigDecimal rounded = fetched.setScale(Math.min(fetched.scale(), WireValidation.USD_FRACTION_DIGITS),
                RoundingMode.HALF_UP);
        List<Violation> v = WireValidation.tokenUsdPrice("token_usd_price", rounded);
        if (!v.isEmpty()) {
            throw new IOException("price feed: a token price of " + fetched + " USD cannot be advertised ("
                    + v.get(0).message() + "); the price stays as it was");
        }
        return rounded;
    }

    /**
     * The update rule of the original's price updater: a new price is applied when it differs from the current one by
     * at least {@link #MIN_DELTA_PERCENT} percent of the current one,
     * {@code |fetched - current| * 100 >= current * MIN_DELTA_PERCENT} (exact decimal arithmetic, no rounding).
     *
     * @param current the price in use, USD per token; null, zero or negative means "none yet" (always apply)
     * @param fetched the price just read, positive
     * @return true when {@code fetched} should replace {@code current}
     * @throws NullPointerException when {@code fetched} is null
     */
    public static boolean significantChange(BigDecimal current, BigDecimal fetched) {
        if (fetched == null) {
            throw new NullPointerException("fetched");
        }
        if (current == null || current.signum() <= 0) {
            return true;
        }
        BigDecimal deltaPercentTimesCurrent = fetched.subtract(current).abs().multiply(HUNDRED);
        return deltaPercentTimesCurrent.compareTo(current.multiply(MIN_DELTA_PERCENT)) >= 0;
    }
}
