package org.golem.vm.requestor.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import org.golem.vm.common.config.ServiceSettings;

/**
 * Every requestor setting, by its MicroProfile Config name ({@code golem.requestor.*}; environment
 * {@code GOLEM_REQUESTOR_*}). Defaults live in {@code META-INF/microprofile-config.properties} of the EJB module and
 * are listed in the README ("Requestor"). Bad values fail loudly with the key's name.
 */
@ApplicationScoped
public class RequestorSettings extends ServiceSettings {

    /** Prefix of every key. */
    public static final String PREFIX = "golem.requestor.";

    /** Creates the settings reader for {@code golem.requestor.*}. */
    public RequestorSettings() {
        super(PREFIX, RequestorSettings.class);
    }

    /** @return the data directory: wallet key, API token, SSH keys, known hosts, H2 database */
    public Path dataDir() {
        return Path.of(required("data-dir")).toAbsolutePath().normalize();
    }

    /** @return the wallet key file (created with mode 0600 when missing; point it at an existing file to import) */
    public Path privateKeyFile() {
        return raw("private-key-file").map(Path::of).orElse(dataDir().resolve("requestor.key"));
    }

    /** @return the API bearer token file (created with mode 0600 when missing) */
    public Path apiTokenFile() {
        return dataDir().resolve("api.token");
    }

    /** @return directory of the SSH key pair ({@code id_ed25519}, {@code id_ed25519.pub}) and {@code known_hosts} */
    public Path sshDir() {
        return raw("ssh-dir").map(Path::of).orElse(dataDir().resolve("ssh"));
    }

    /**
     * @return the {@code known_hosts} file in {@link #sshDir()} where the CLI pins each VM's SSH host key under the
     *         VM's alias ({@code PinnedHostKeys})
     */
    public Path knownHostsFile() {
        return sshDir().resolve("known_hosts");
    }

    /** @return JSON-RPC URL of the payments chain */
    public String rpcUrl() {
        return required("rpc-url");
    }

    /** @return payments network name; the deployment file's base name */
    public String paymentsNetwork() {
        return required("payments-network");
    }

    /** @return directory holding {@code <payments-network>.json} */
    public Path deploymentsDir() {
        return raw("deployments-dir").map(Path::of).orElse(dataDir().resolve("deployments"));
    }

    /** @return the StreamPayment address when set explicitly (else from the deployment file) */
    public Optional<String> streamPaymentAddress() {
        return raw("stream-payment-address");
    }

    /** @return the token address when set explicitly (zero address = native ETH) */
    public Optional<String> tokenAddress() {
        return raw("token-address");
    }

    /** @return symbol of the stream token for display */
    public String tokenSymbol() {
        return required("token-symbol");
    }

    /** @return base URL of the discovery service */
    public String discoveryUrl() {
        return required("discovery-url");
    }

    /**
     * @return the provider sources searched by default ({@code golem.requestor.discovery}): a comma list of
     *         {@code chain}, {@code central}; empty when unset (then every configured source)
     */
    public Optional<String> discovery() {
        return raw("discovery").map(String::trim).filter(v -> !v.isEmpty());
    }

    /** @return the ProviderRegistry address when set explicitly (else from the deployment file) */
    public Optional<String> registryAddress() {
        return raw("registry-address").map(String::trim).filter(v -> !v.isEmpty());
    }

    /** @return logical network providers must advertise (empty = any) */
    public Optional<String> network() {
        return raw("network");
    }

    /**
     * @return the web console's URL on this machine, {@code http://<host>:<port>/console/} from
     *         {@code golem.requestor.host} and {@code .port} (a wildcard host, {@code 0.0.0.0} or {@code ::}, shown as
     *         {@code 127.0.0.1}; an IPv6 address in brackets)
     */
    public String consoleUrl() {
        String host = raw("host").map(String::strip).orElse("127.0.0.1");
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + longValue("port") + "/console/";
    }

    /** @return port of a provider's API when its advertisement does not say (7466) */
    public int providerPort() {
        return (int) longValue("provider-port");
    }

    /** @return whether the auto top-up timer keeps running VMs' streams funded */
    public boolean topUpEnabled() {
        return bool("topup.enabled");
    }

    /** @return seconds between auto top-up checks */
    public long topUpIntervalSeconds() {
        return Math.max(5, longValue("topup.interval-seconds"));
    }

    /** @return runway the auto top-up keeps each running VM's stream at, seconds (default one hour) */
    public long targetRunwaySeconds() {
        return longValue("topup.target-runway-seconds");
    }

    /** @return top up when the runway falls below this, seconds (default half the target) */
    public long topUpBelowSeconds() {
        return raw("topup.below-seconds").map(Long::parseLong).orElse(targetRunwaySeconds() / 2);
    }

    /** @return seconds a new VM may take on its provider before creation counts as failed */
    public long createTimeoutSeconds() {
        return longValue("create-timeout-seconds");
    }
}
