package org.golem.vm.discovery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One provider's advertisement as stored (table {@code advertisement}, migrations V1 and V3). Times are Unix epoch
 * milliseconds; prices are exact decimals (USD and whole tokens per unit-month) and integers (token wei per
 * unit-month); the VM offer's image catalogue and egress policy are kept as the JSON text of their wire form.
 */
@Entity
@Table(name = "advertisement")
public class AdvertisementEntity {

    @Id
    @Column(name = "provider_id", length = 42)
    private String providerId;
    @Column(name = "provider_name")
    private String providerName;
    @Column(name = "ip_address", nullable = false)
    private String ipAddress;
    @Column(name = "api_port", nullable = false)
    private int apiPort;
    @Column(name = "country", nullable = false)
    private String country;
    @Column(name = "platform")
    private String platform;
    @Column(name = "network")
    private String network;
    @Column(name = "payments_network")
    private String paymentsNetwork;
    @Column(name = "cpu", nullable = false)
    private int cpu;
    @Column(name = "memory_gib", nullable = false)
    private int memoryGib;
    @Column(name = "storage_gib", nullable = false)
    private int storageGib;
    @Column(name = "usd_per_core_month")
    private BigDecimal usdPerCoreMonth;
    @Column(name = "usd_per_gb_ram_month")
    private BigDecimal usdPerGbRamMonth;
    @Column(name = "usd_per_gb_storage_month")
    private BigDecimal usdPerGbStorageMonth;
    @Column(name = "glm_per_core_month")
    private BigDecimal glmPerCoreMonth;
    @Column(name = "glm_per_gb_ram_month")
    private BigDecimal glmPerGbRamMonth;
    @Column(name = "glm_per_gb_storage_month")
    private BigDecimal glmPerGbStorageMonth;
    @Column(name = "token_usd_price")
    private BigDecimal tokenUsdPrice;
    @Column(name = "token_decimals")
    private Integer tokenDecimals;
    @Column(name = "wei_per_core_month")
    private BigInteger weiPerCoreMonth;
    @Column(name = "wei_per_gb_ram_month")
    private BigInteger weiPerGbRamMonth;
    @Column(name = "wei_per_gb_storage_month")
    private BigInteger weiPerGbStorageMonth;
    @Column(name = "stream_payment_address")
    private String streamPaymentAddress;
    @Column(name = "token_address")
    private String tokenAddress;
    @Column(name = "images", length = 65536)
    private String imagesJson;
    @Column(name = "max_ports")
    private Integer maxPorts;
    @Column(name = "egress", length = 65536)
    private String egressJson;
    @Column(name = "created_at", nullable = false)
    private long createdAt;
    @Column(name = "updated_at", nullable = false)
    private long updatedAt;
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected AdvertisementEntity() {
    }

    /**
     * @param providerId EIP-55 checksummed provider address
     * @param createdAt  first registration, epoch milliseconds
     */
    public AdvertisementEntity(String providerId, long createdAt) {
        this.providerId = providerId;
        this.createdAt = createdAt;
    }

    public String getProviderId() { return providerId; }
    public String getProviderName() { return providerName; }
    public void setProviderName(String v) { providerName = v; }
    public String getIpAddress() { return ipAddress; }
    public void setIpAddress(String v) { ipAddress = v; }
    public int getApiPort() { return apiPort; }
    public void setApiPort(int v) { apiPort = v; }
    public String getCountry() { return country; }
    public void setCountry(String v) { country = v; }
    public String getPlatform() { return platform; }
    public void setPlatform(String v) { platform = v; }
    public String getNetwork() { return network; }
    public void setNetwork(String v) { network = v; }
    public String getPaymentsNetwork() { return paymentsNetwork; }
    public void setPaymentsNetwork(String v) { paymentsNetwork = v; }
    public int getCpu() { return cpu; }
    public void setCpu(int v) { cpu = v; }
    public int getMemoryGib() { return memoryGib; }
    public void setMemoryGib(int v) { memoryGib = v; }
    public int getStorageGib() { return storageGib; }
    public void setStorageGib(int v) { storageGib = v; }
    public BigDecimal getUsdPerCoreMonth() { return usdPerCoreMonth; }
    public void setUsdPerCoreMonth(BigDecimal v) { usdPerCoreMonth = v; }
    public BigDecimal getUsdPerGbRamMonth() { return usdPerGbRamMonth; }
    public void setUsdPerGbRamMonth(BigDecimal v) { usdPerGbRamMonth = v; }
    public BigDecimal getUsdPerGbStorageMonth() { return usdPerGbStorageMonth; }
    public void setUsdPerGbStorageMonth(BigDecimal v) { usdPerGbStorageMonth = v; }
    public BigDecimal getGlmPerCoreMonth() { return glmPerCoreMonth; }
    public void setGlmPerCoreMonth(BigDecimal v) { glmPerCoreMonth = v; }
    public BigDecimal getGlmPerGbRamMonth() { return glmPerGbRamMonth; }
    public void setGlmPerGbRamMonth(BigDecimal v) { glmPerGbRamMonth = v; }
    public BigDecimal getGlmPerGbStorageMonth() { return glmPerGbStorageMonth; }
    public void setGlmPerGbStorageMonth(BigDecimal v) { glmPerGbStorageMonth = v; }
    public BigDecimal getTokenUsdPrice() { return tokenUsdPrice; }
    public void setTokenUsdPrice(BigDecimal v) { tokenUsdPrice = v; }
    public Integer getTokenDecimals() { return tokenDecimals; }
    public void setTokenDecimals(Integer v) { tokenDecimals = v; }
    public BigInteger getWeiPerCoreMonth() { return weiPerCoreMonth; }
    public void setWeiPerCoreMonth(BigInteger v) { weiPerCoreMonth = v; }
    public BigInteger getWeiPerGbRamMonth() { return weiPerGbRamMonth; }
    public void setWeiPerGbRamMonth(BigInteger v) { weiPerGbRamMonth = v; }
    public BigInteger getWeiPerGbStorageMonth() { return weiPerGbStorageMonth; }
    public void setWeiPerGbStorageMonth(BigInteger v) { weiPerGbStorageMonth = v; }
    public String getStreamPaymentAddress() { return streamPaymentAddress; }
    public void setStreamPaymentAddress(String v) { streamPaymentAddress = v; }
    public String getTokenAddress() { return tokenAddress; }
    public void setTokenAddress(String v) { tokenAddress = v; }
    /** @return the image catalogue as a JSON array of ImageInfo, or null when not advertised */
    public String getImagesJson() { return imagesJson; }
    public void setImagesJson(String v) { imagesJson = v; }
    public Integer getMaxPorts() { return maxPorts; }
    public void setMaxPorts(Integer v) { maxPorts = v; }
    /** @return the egress policy as a JSON object of EgressPolicy, or null when not advertised */
    public String getEgressJson() { return egressJson; }
    public void setEgressJson(String v) { egressJson = v; }
    public long getCreatedAt() { return createdAt; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long v) { updatedAt = v; }
    public long getRowVersion() { return rowVersion; }
    public void setRowVersion(long v) { rowVersion = v; }
}
