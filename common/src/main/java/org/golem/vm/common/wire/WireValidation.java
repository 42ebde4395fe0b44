package org.golem.vm.common.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.golem.vm.common.money.Resources;

/**
 * The request rules that both sides of a wire interface need (the service to answer 400, the CLI to refuse
 * early). Every method returns the list of {@link Violation}s, empty when the value is valid; nothing throws.
 *
 * <ul>
 *   <li>VM name (docs/provider-api.md §3.1): 3–64 characters, {@code ^[a-z0-9][a-z0-9-]*[a-z0-9]$}, no
 *       {@code --}.</li>
 *   <li>SSH key: one line {@code <type> <base64> [comment]}, type {@code ssh-rsa}, {@code ssh-ed25519} (the
 *       original's two) or {@code ecdsa-sha2-nistp256} (added: the third key type OpenSSH generates by
 *       default on some systems); at most {@value #MAX_SSH_KEY_LENGTH} characters; no control characters
 *       (stricter than the original, which only checked the prefix: a line break would inject extra lines
 *       into authorized_keys or cloud-init).</li>
 *   <li>VM resources (docs/provider-api.md §3.1): cpu ∈ {1,2,4,8,16}, memory ∈ {1,2,4,8,16,32,64} GiB,
 *       storage ≥ 10 GiB.</li>
 *   <li>Image (added): letters, digits and {@code . _ : -}, at most 128 characters, no {@code /} (no paths or
 *       URLs reach a hypervisor).</li>
 *   <li>Stream id: a uint256.</li>
 *   <li>Ethereum address: {@code 0x} + 40 hex digits, any case (the EIP-55 checksum is not checked).</li>
 *   <li>Advertisement (docs/discovery-api.md §4.2): IPv4 dotted quad with every group 0–255 (the original only
 *       checked the shape), country two ASCII letters (the original: any two characters), platform at most
 *       32 characters, cpu/memory/storage ≥ 1, and every number within what discovery stores (below).</li>
 *   <li>Port check (docs/port-checker-api.md §4): provider_ip non-blank, ports 1..65535, at most a given count.</li>
 * </ul>
 *
 * <p>Numbers are checked by range and precision before anything converts or stores them: USD amounts
 * ({@link #usdAmount}) are 0 ≤ x &lt; 10^{@value #USD_INTEGER_DIGITS} with at most {@value #USD_FRACTION_DIGITS}
 * decimal places, whole-token amounts ({@link #tokenAmount}) 0 ≤ x &lt; 10^{@value #TOKEN_INTEGER_DIGITS} with at
 * most {@value #TOKEN_FRACTION_DIGITS} decimal places, wei ({@link #wei}) 0 ≤ x &lt; 2^256 (a uint256); trailing
 * zeros do not count as decimal places. A {@link BigDecimal} such as {@code 1E+2147483647} or
 * {@code 1E-999999999} is judged by its {@code precision()} and {@code scale()} alone, never expanded (which would
 * allocate gigabytes). Fractional wei never get this far: the project's JSON mapper refuses a fraction or exponent
 * in an integer field ({@link org.golem.vm.common.json.Json}). Free text ({@link #text}) must not hold control
 * characters (NUL included) or unpaired UTF-16 surrogates (a JSON {@code "\ud800"} escape decodes to one).
 */
public final class WireValidation {

    /** Shortest VM name. */
    public static final int VM_NAME_MIN = 3;
    /** Longest VM name. */
    public static final int VM_NAME_MAX = 64;
    /** Longest accepted SSH public key line (an RSA-16384 key is about 2 800 characters). */
    public static final int MAX_SSH_KEY_LENGTH = 16_384;
    /** Accepted SSH key types (the line starts with one of these followed by a space). */
    public static final List<String> SSH_KEY_TYPES = List.of("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256");
    /** Allowed CPU core counts of a VM. */
    public static final Set<Integer> ALLOWED_CPU = Set.of(1, 2, 4, 8, 16);
    /** Allowed RAM sizes of a VM, GiB. */
    public static final Set<Integer> ALLOWED_MEMORY_GIB = Set.of(1, 2, 4, 8, 16, 32, 64);
    /** Smallest disk of a VM, GiB. */
    public static final int MIN_STORAGE_GIB = 10;
    /** Default cap on ports per {@code /check-ports} call: the provider's default SSH range 50800–50899. */
    public static final int DEFAULT_MAX_CHECK_PORTS = 100;

    private static final Pattern VM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*[a-z0-9]");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern ETH_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

    /** Integer digits of a USD amount: below 10^18 (discovery stores USD as {@code NUMERIC(30,12)}). */
    public static final int USD_INTEGER_DIGITS = 18;
    /** Decimal places of a USD amount. */
    public static final int USD_FRACTION_DIGITS = 12;
    /** Integer digits of a whole-token amount: below 10^20 (stored as {@code NUMERIC(38,18)}). */
    public static final int TOKEN_INTEGER_DIGITS = 20;
    /** Decimal places of a whole-token amount (the most an ERC-20 token commonly has). */
    public static final int TOKEN_FRACTION_DIGITS = 18;
    /** Most decimals a stream token may declare. */
    public static final int MAX_TOKEN_DECIMALS = 36;

    private WireValidation() {
    }

    /**
     * @param name VM name
     * @return violations of field {@code name}
     */
    public static List<Violation> vmName(String name) {
        List<Violation> out = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            out.add(new Violation("name", Violation.REQUIRED, "is required"));
            return out;
        }
        if (name.length() < VM_NAME_MIN || name.length() > VM_NAME_MAX) {
            out.add(new Violation("name", Violation.LENGTH,
                    "must be " + VM_NAME_MIN + " to " + VM_NAME_MAX + " characters long"));
        }
        if (!VM_NAME.matcher(name).matches()) {
            out.add(new Violation("name", Violation.PATTERN,
                    "must consist of lower-case letters, digits and '-', and start and end with a letter or digit"));
        }
        if (name.contains("--")) {
            out.add(new Violation("name", Violation.PATTERN, "must not contain '--'"));
        }
        return out;
    }

    /**
     * @param key OpenSSH public key line
     * @return violations of field {@code ssh_key}
     */
    public static List<Violation> sshKey(String key) {
        List<Violation> out = new ArrayList<>();
        if (key == null || key.isBlank()) {
            out.add(new Violation("ssh_key", Violation.REQUIRED, "is required"));
            return out;
        }
        if (key.length() > MAX_SSH_KEY_LENGTH) {
            out.add(new Violation("ssh_key", Violation.LENGTH,
                    "must be at most " + MAX_SSH_KEY_LENGTH + " characters long"));
            return out;
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || hasLoneSurrogate(key)) {
            out.add(new Violation("ssh_key", Violation.PATTERN,
                    "must be a single line without control characters or unpaired UTF-16 surrogates"));
            return out;
        }
        String type = SSH_KEY_TYPES.stream().filter(t -> key.startsWith(t + " ")).findFirst().orElse(null);
        if (type == null) {
            out.add(new Violation("ssh_key", Violation.NOT_ALLOWED,
                    "must start with 'ssh-rsa ', 'ssh-ed25519 ' or 'ecdsa-sha2-nistp256 '"));
            return out;
        }
        String rest = key.substring(type.length() + 1);
        int space = rest.indexOf(' ');
        String blob = space < 0 ? rest : rest.substring(0, space);
        if (!BASE64.matcher(blob).matches()) {
            out.add(new Violation("ssh_key", Violation.PATTERN,
                    "must be '<type> <base64 key> [comment]'"));
        }
        return out;
    }

    /**
     * @param value an address
     * @return true for {@code 0x} followed by 40 hex digits
     */
    public static boolean isEthereumAddress(String value) {
        return value != null && ETH_ADDRESS.matcher(value).matches();
    }

    /**
     * @param field JSON name of the value, e.g. {@code provider_id}
     * @param value an address
     * @return violations of {@code field}
     */
    public static List<Violation> ethereumAddress(String field, String value) {
        if (value == null || value.isEmpty()) {
            return List.of(new Violation(field, Violation.REQUIRED, "is required"));
        }
        if (!isEthereumAddress(value)) {
            return List.of(new Violation(field, Violation.PATTERN, "must be 0x followed by 40 hex digits"));
        }
        return List.of();
    }

    /**
     * @param field     JSON name of the resources object, e.g. {@code resources}
     * @param resources cores / GiB RAM / GiB disk
     * @return violations of {@code field.cpu}, {@code field.memory}, {@code field.storage}
     */
    public static List<Violation> vmResources(String field, Resources resources) {
        if (resources == null) {
            return List.of(new Violation(field, Violation.REQUIRED, "is required"));
        }
        return vmResources(field, resources.cpu(), resources.memoryGib(), resources.storageGib());
    }

    /**
     * The rules of {@link #vmResources(String, Resources)} for figures not yet in a {@link Resources} (which refuses
     * negative ones by throwing): any int is judged.
     *
     * @param field      JSON name of the resources object, e.g. {@code resources}
     * @param cpu        cores
     * @param memoryGib  GiB RAM
     * @param storageGib GiB disk
     * @return violations of {@code field.cpu}, {@code field.memory}, {@code field.storage}
     */
    public static List<Violation> vmResources(String field, int cpu, int memoryGib, int storageGib) {
        List<Violation> out = new ArrayList<>();
        if (!ALLOWED_CPU.contains(cpu)) {
            out.add(new Violation(field + ".cpu", Violation.NOT_ALLOWED, "must be one of 1, 2, 4, 8, 16"));
        }
        if (!ALLOWED_MEMORY_GIB.contains(memoryGib)) {
            out.add(new Violation(field + ".memory", Violation.NOT_ALLOWED,
                    "must be one of 1, 2, 4, 8, 16, 32, 64 (GiB)"));
        }
        if (storageGib < MIN_STORAGE_GIB) {
            out.add(new Violation(field + ".storage", Violation.OUT_OF_RANGE,
                    "must be at least " + MIN_STORAGE_GIB + " (GiB)"));
        }
        return out;
    }

    /**
     * @param streamId a stream id, or null
     * @return violations of field {@code stream_id} (none for null: whether it is required depends on
     *         the provider's payment configuration)
     */
    public static List<Violation> streamId(BigInteger streamId) {
        if (streamId != null && (streamId.signum() < 0 || streamId.compareTo(UINT256_LIMIT) >= 0)) {
            return List.of(new Violation("stream_id", Violation.OUT_OF_RANGE, "must be a uint256"));
        }
        return List.of();
    }

    /**
     * All rules of {@code POST /api/v1/vms}: name, ssh_key, the resolved resources, image, stream_id.
     *
     * @param request the body
     * @return violations, empty if valid
     */
    public static List<Violation> createVmRequest(CreateVmRequest request) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("body", Violation.REQUIRED, "is required"));
            return out;
        }
        out.addAll(vmName(request.name()));
        out.addAll(sshKey(request.sshKey()));
        out.addAll(vmResources("resources", request.resolvedResources()));
        out.addAll(image(request.image()));
        out.addAll(streamId(request.streamId()));
        return out;
    }

    /**
     * @param image an image name, or null or empty for the provider's default
     * @return violations of field {@code image}: more than 128 characters, or a character other than letters,
     *         digits, {@code .}, {@code _}, {@code :} and {@code -} (control characters, surrogates and {@code /}
     *         included)
     */
    public static List<Violation> image(String image) {
        if (image != null && !image.isEmpty() && !IMAGE.matcher(image).matches()) {
            return List.of(new Violation("image", Violation.PATTERN,
                    "must be at most 128 letters, digits, '.', '_', ':' or '-' (no '/')"));
        }
        return List.of();
    }

    /**
     * A whole number with bounds: a count, a number of hours or seconds.
     *
     * @param field JSON name of the value, e.g. {@code hours}
     * @param value the number, or null (not checked: whether it is required is the caller's rule)
     * @param min   smallest allowed value
     * @param max   largest allowed value
     * @param unit  what it counts, for the message ({@code hours}, {@code seconds}), or null
     * @return a violation of {@code field} when it is below {@code min} or above {@code max}
     */
    public static List<Violation> whole(String field, Long value, long min, long max, String unit) {
        if (value != null && (value < min || value > max)) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE, "must be a whole number from " + min
                    + " to " + max + (unit == null ? "" : " (" + unit + ")")));
        }
        return List.of();
    }

    /**
     * @param value an IPv4 address
     * @return true for a dotted quad with every group 0–255 (leading zeros tolerated, as the original)
     */
    public static boolean isIpv4(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = IPV4.matcher(value);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * All rules of discovery's {@code POST /api/v1/advertisements}.
     *
     * @param request the body
     * @return violations, empty if valid
     */
    public static List<Violation> advertisementRequest(AdvertisementRequest request) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("body", Violation.REQUIRED, "is required"));
            return out;
        }
        if (request.ipAddress() == null || request.ipAddress().isEmpty()) {
            out.add(new Violation("ip_address", Violation.REQUIRED, "is required"));
        } else if (!isIpv4(request.ipAddress())) {
            out.add(new Violation("ip_address", Violation.PATTERN, "must be an IPv4 address (a.b.c.d, 0-255)"));
        }
        if (request.country() == null || request.country().isEmpty()) {
            out.add(new Violation("country", Violation.REQUIRED, "is required"));
        } else if (!COUNTRY.matcher(request.country()).matches()) {
            out.add(new Violation("country", Violation.PATTERN, "must be a two-letter country code"));
        }
        if (request.platform() != null && request.platform().length() > 32) {
            out.add(new Violation("platform", Violation.LENGTH, "must be at most 32 characters long"));
        } else {
            out.addAll(text("platform", request.platform()));
        }
        Resources r = request.resources();
        if (r == null) {
            out.add(new Violation("resources", Violation.REQUIRED, "is required"));
        } else {
            atLeastOne(out, "resources.cpu", r.cpu());
            atLeastOne(out, "resources.memory", r.memoryGib());
            atLeastOne(out, "resources.storage", r.storageGib());
        }
        out.addAll(advertisedPricing("pricing.", request.pricing()));
        if (request.providerName() != null && request.providerName().length() > 64) {
            out.add(new Violation("provider_name", Violation.LENGTH, "must be at most 64 characters long"));
        } else {
            out.addAll(text("provider_name", request.providerName()));
        }
        if (request.apiPort() != null && (request.apiPort() < 1 || request.apiPort() > 65535)) {
            out.add(new Violation("api_port", Violation.OUT_OF_RANGE, "must be 1 to 65535"));
        }
        networkName(out, "network", request.network());
        networkName(out, "payments_network", request.paymentsNetwork());
        if (request.streamPaymentAddress() != null) {
            out.addAll(ethereumAddress("stream_payment_address", request.streamPaymentAddress()));
        }
        if (request.tokenAddress() != null) {
            out.addAll(ethereumAddress("token_address", request.tokenAddress()));
        }
        out.addAll(vmOffer(request.images(), request.maxPorts(), request.egress()));
        return out;
    }

    /** Most images one advertisement may list. */
    public static final int MAX_ADVERTISED_IMAGES = 32;
    /** Most destinations an advertised egress allow-list may name. */
    public static final int MAX_EGRESS_ALLOW = 256;

    /**
     * The VM offer of an advertisement (what discovery stores and returns).
     *
     * @param images   the image catalogue (not null)
     * @param maxPorts guest ports besides SSH per VM, or null
     * @param egress   the egress policy, or null
     * @return violations: more than {@value #MAX_ADVERTISED_IMAGES} images; an image without name, os, login_user
     *         or boot, or with one longer than 64 characters (os: 128) or holding control characters; a negative
     *         size_mib; max_ports outside 0 to 65535; an unknown egress policy; more than {@value #MAX_EGRESS_ALLOW}
     *         allow-list entries, or one longer than 255 characters or holding control characters
     */
    static List<Violation> vmOffer(List<ImageInfo> images, Integer maxPorts, EgressPolicy egress) {
        List<Violation> out = new ArrayList<>();
        if (images.size() > MAX_ADVERTISED_IMAGES) {
            out.add(new Violation("images", Violation.TOO_MANY, "at most " + MAX_ADVERTISED_IMAGES + " images"));
            return out;
        }
        for (int i = 0; i < images.size(); i++) {
            ImageInfo img = images.get(i);
            String at = "images[" + i + "].";
            if (img == null) {
                out.add(new Violation("images[" + i + "]", Violation.REQUIRED, "is required"));
                continue;
            }
            boundedText(out, at + "name", img.name(), 64);
            boundedText(out, at + "os", img.os(), 128);
            boundedText(out, at + "login_user", img.loginUser(), 64);
            boundedText(out, at + "boot", img.boot(), 64);
            if (img.sizeMib() != null && img.sizeMib() < 0) {
                out.add(new Violation(at + "size_mib", Violation.OUT_OF_RANGE, "must not be negative"));
            }
        }
        if (maxPorts != null && (maxPorts < 0 || maxPorts > 65535)) {
            out.add(new Violation("max_ports", Violation.OUT_OF_RANGE, "must be 0 to 65535"));
        }
        if (egress != null) {
            if (!egress.known()) {
                out.add(new Violation("egress.policy", Violation.PATTERN, "must be open, none or allow-list"));
            }
            if (!EgressPolicy.ALLOW_LIST.equals(egress.policy()) && !egress.allow().isEmpty()) {
                out.add(new Violation("egress.allow", Violation.PATTERN, "is only given with allow-list"));
            } else if (egress.allow().size() > MAX_EGRESS_ALLOW) {
                out.add(new Violation("egress.allow", Violation.TOO_MANY, "at most " + MAX_EGRESS_ALLOW + " entries"));
            } else {
                for (int i = 0; i < egress.allow().size(); i++) {
                    String d = egress.allow().get(i);
                    boundedText(out, "egress.allow[" + i + "]", d, 255);
                    if (d != null && d.contains(",")) { // one destination each: host|ip|cidr[:port[-port]]
                        out.add(new Violation("egress.allow[" + i + "]", Violation.PATTERN,
                                "one destination without commas"));
                    }
                }
            }
        }
        return out;
    }

    /** A required text of at most {@code max} characters without control characters. */
    private static void boundedText(List<Violation> out, String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            out.add(new Violation(field, Violation.REQUIRED, "is required"));
        } else if (value.length() > max) {
            out.add(new Violation(field, Violation.LENGTH, "must be at most " + max + " characters long"));
        } else {
            out.addAll(text(field, value));
        }
    }

    /**
     * The prices of an advertisement: what discovery accepts, and so what a provider may set (its admin API and
     * price feed check the prices they would advertise with this).
     *
     * @param prefix  put before every field name: {@code pricing.} in an advertisement, empty for a bare pricing
     *                object
     * @param p       the prices, or null (nothing to check)
     * @return violations: a USD amount or {@code token_usd_price} outside {@link #usdAmount} (the token price must
     *         also be positive), a {@code glm_per_*} amount outside {@link #tokenAmount}, a {@code wei_per_*} amount
     *         outside {@link #wei}, {@code token_decimals} outside 0 to {@value #MAX_TOKEN_DECIMALS}
     */
    public static List<Violation> advertisedPricing(String prefix, AdvertisedPricing p) {
        List<Violation> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        out.addAll(usdAmount(prefix + "usd_per_core_month", p.usdPerCoreMonth()));
        out.addAll(usdAmount(prefix + "usd_per_gb_ram_month", p.usdPerGbRamMonth()));
        out.addAll(usdAmount(prefix + "usd_per_gb_storage_month", p.usdPerGbStorageMonth()));
        out.addAll(tokenAmount(prefix + "glm_per_core_month", p.glmPerCoreMonth()));
        out.addAll(tokenAmount(prefix + "glm_per_gb_ram_month", p.glmPerGbRamMonth()));
        out.addAll(tokenAmount(prefix + "glm_per_gb_storage_month", p.glmPerGbStorageMonth()));
        out.addAll(tokenUsdPrice(prefix + "token_usd_price", p.tokenUsdPrice()));
        if (p.tokenDecimals() != null && (p.tokenDecimals() < 0 || p.tokenDecimals() > MAX_TOKEN_DECIMALS)) {
            out.add(new Violation(prefix + "token_decimals", Violation.OUT_OF_RANGE,
                    "must be 0 to " + MAX_TOKEN_DECIMALS));
        }
        out.addAll(wei(prefix + "wei_per_core_month", p.weiPerCoreMonth()));
        out.addAll(wei(prefix + "wei_per_gb_ram_month", p.weiPerGbRamMonth()));
        out.addAll(wei(prefix + "wei_per_gb_storage_month", p.weiPerGbStorageMonth()));
        return out;
    }

    /**
     * The USD price of one whole stream token, which prices are converted with.
     *
     * @param field JSON name of the value, e.g. {@code token_usd_price}
     * @param usd   USD per whole token, or null (not checked)
     * @return violations of {@code field}: zero, or outside {@link #usdAmount}
     */
    public static List<Violation> tokenUsdPrice(String field, BigDecimal usd) {
        if (usd != null && usd.signum() == 0) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE, "must be positive"));
        }
        return usdAmount(field, usd);
    }

    /**
     * A USD amount: a price per unit and month, or a token's USD price.
     *
     * @param field JSON name of the value, e.g. {@code pricing.usd_per_core_month}
     * @param usd   USD, or null (not checked: whether it is required is the caller's rule)
     * @return violations of {@code field}: negative, 10^{@value #USD_INTEGER_DIGITS} or more, or more than
     *         {@value #USD_FRACTION_DIGITS} decimal places
     */
    public static List<Violation> usdAmount(String field, BigDecimal usd) {
        return decimal(field, usd, USD_INTEGER_DIGITS, USD_FRACTION_DIGITS);
    }

    /**
     * An amount in whole stream tokens (display prices such as {@code glm_per_core_month}).
     *
     * @param field  JSON name of the value
     * @param tokens whole tokens, or null (not checked)
     * @return violations of {@code field}: negative, 10^{@value #TOKEN_INTEGER_DIGITS} or more, or more than
     *         {@value #TOKEN_FRACTION_DIGITS} decimal places
     */
    public static List<Violation> tokenAmount(String field, BigDecimal tokens) {
        return decimal(field, tokens, TOKEN_INTEGER_DIGITS, TOKEN_FRACTION_DIGITS);
    }

    /**
     * An amount in wei (the token's base unit).
     *
     * @param field JSON name of the value, e.g. {@code pricing.wei_per_core_month}
     * @param wei   wei, or null (not checked)
     * @return violations of {@code field}: negative or 2^256 or more (not a uint256)
     */
    public static List<Violation> wei(String field, BigInteger wei) {
        if (wei != null && (wei.signum() < 0 || wei.bitLength() > 256)) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE,
                    "must be a whole number of wei from 0 to 2^256-1"));
        }
        return List.of();
    }

    /**
     * A positive amount of wei, e.g. what a top-up adds to a stream.
     *
     * @param field JSON name of the value, e.g. {@code amount_wei}
     * @param wei   wei, or null (not checked)
     * @return violations of {@code field}: zero, negative or 2^256 or more
     */
    public static List<Violation> positiveWei(String field, BigInteger wei) {
        if (wei != null && (wei.signum() <= 0 || wei.bitLength() > 256)) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE,
                    "must be a whole number of wei from 1 to 2^256-1"));
        }
        return List.of();
    }

    /**
     * Free text such as a display name: any printable characters.
     *
     * @param field JSON name of the value, e.g. {@code provider_name}
     * @param value the text, or null (not checked)
     * @return a violation of {@code field} when it holds a control character (U+0000–U+001F, U+007F: NUL, line
     *         breaks, escapes) or an unpaired UTF-16 surrogate (not a character; stores and encoders mangle it)
     */
    public static List<Violation> text(String field, String value) {
        if (value != null && (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || hasLoneSurrogate(value))) {
            return List.of(new Violation(field, Violation.PATTERN,
                    "must not contain control characters (NUL included) or unpaired UTF-16 surrogates"));
        }
        return List.of();
    }

    /** @return true when {@code s} holds a high surrogate not followed by a low one, or a low one alone */
    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Range and precision of a non-negative decimal, judged from {@code precision()} and {@code scale()} only:
     * the value is never expanded ({@code 1E+2147483647} as a plain number is two gigabytes of digits).
     */
    private static List<Violation> decimal(String field, BigDecimal value, int integerDigits, int fractionDigits) {
        if (value == null) {
            return List.of();
        }
        String range = "must be from 0 to less than 10^" + integerDigits + " with at most " + fractionDigits
                + " decimal places";
        if (value.signum() < 0) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE, "must not be negative (" + range + ")"));
        }
        if (value.signum() > 0 && (long) value.precision() - value.scale() > integerDigits) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE, range));
        }
        // stripTrailingZeros works on the unscaled digits, which the JSON reader caps at 1000
        if (value.scale() > fractionDigits && value.stripTrailingZeros().scale() > fractionDigits) {
            return List.of(new Violation(field, Violation.OUT_OF_RANGE, range));
        }
        return List.of();
    }

    private static void networkName(List<Violation> out, String field, String value) {
        if (value != null && !value.matches("[A-Za-z0-9._-]{1,64}")) {
            out.add(new Violation(field, Violation.PATTERN, "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
    }

    /**
     * All rules of the port checker's {@code POST /check-ports}.
     *
     * @param request  the body
     * @param maxPorts most ports accepted in one call (e.g. {@link #DEFAULT_MAX_CHECK_PORTS})
     * @return violations, empty if valid
     */
    public static List<Violation> checkPortsRequest(CheckPortsRequest request, int maxPorts) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("body", Violation.REQUIRED, "is required"));
            return out;
        }
        if (request.providerIp() == null || request.providerIp().isBlank()) {
            out.add(new Violation("provider_ip", Violation.REQUIRED, "is required"));
        } else {
            out.addAll(text("provider_ip", request.providerIp()));
        }
        List<Integer> ports = request.ports();
        if (ports == null) {
            out.add(new Violation("ports", Violation.REQUIRED, "is required"));
            return out;
        }
        if (ports.size() > maxPorts) {
            out.add(new Violation("ports", Violation.TOO_MANY, "at most " + maxPorts + " ports per request"));
        }
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            if (port < 1 || port > 65535) {
                out.add(new Violation("ports[" + i + "]", Violation.OUT_OF_RANGE, "must be 1 to 65535"));
            }
        }
        return out;
    }

    private static void atLeastOne(List<Violation> out, String field, int value) {
        if (value < 1) {
            out.add(new Violation(field, Violation.OUT_OF_RANGE, "must be at least 1"));
        }
    }
}
