package io.jgunicorn.arquillian;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The {@code <configuration>} of a jgunicorn container in {@code arquillian.xml}. Arquillian fills it
 * through the setters; every property is optional except {@code baseUrl} in remote mode.
 *
 * <p>{@code mode}: {@code managed} (default) starts {@code jgunicorn} as child processes;
 * {@code remote} deploys to a server that is already running.
 */
public class JgunicornConfiguration implements ContainerConfiguration {

    private String mode = "managed";
    private String launcher;
    private String bindAddress = "127.0.0.1";
    private int port;
    private String workerClass;
    private int workers;
    private int threads;
    private String deployDir;
    private String useDeployDir = "auto";
    private String baseUrl;
    private int startupTimeoutSeconds = 90;
    private int deployTimeoutSeconds = 90;
    private String jgunicornArgs;
    private String settings;
    private String realmFile;
    private String realmUsers;
    private String allowedTrailerNames;
    private String localeEncodings;
    private boolean crossContext;
    private String certfile;
    private String keyfile;
    private String caCerts;
    private String certReqs;
    private String trustStore;
    private String trustStorePassword;
    private String protocol = "Servlet 6.0";

    @Override
    public void validate() throws ConfigurationException {
        if (!mode.equals("managed") && !mode.equals("remote")) {
            throw new ConfigurationException("mode must be 'managed' or 'remote', not '" + mode + "'");
        }
        if (remote() && baseUrl == null) {
            throw new ConfigurationException("remote mode needs baseUrl (for example http://127.0.0.1:8000)");
        }
        if (baseUrl != null && URI.create(baseUrl).getPort() < 0) {
            throw new ConfigurationException("baseUrl needs an explicit port: " + baseUrl);
        }
        if (!java.util.List.of("auto", "true", "false").contains(useDeployDir)) {
            throw new ConfigurationException("useDeployDir must be auto, true or false");
        }
        if ((certfile == null) != (keyfile == null)) {
            throw new ConfigurationException("certfile and keyfile go together");
        }
        if (realmFile != null && realmUsers != null) {
            throw new ConfigurationException("give realmFile or realmUsers, not both");
        }
        if (managed() && launcher() == null) {
            throw new ConfigurationException("no jgunicorn launcher: set 'launcher' or the system property "
                    + "jgunicorn.launcher (or jgunicorn.root)");
        }
    }

    boolean remote() {
        return mode.equals("remote");
    }

    boolean managed() {
        return mode.equals("managed");
    }

    boolean secure() {
        return certfile != null || (baseUrl != null && baseUrl.startsWith("https:"));
    }

    /** The launcher script: the property, else {@code -Djgunicorn.launcher}, else {@code ${jgunicorn.root}/jgunicorn}. */
    Path launcher() {
        if (launcher != null) {
            return Path.of(launcher);
        }
        if (System.getProperty("jgunicorn.launcher") != null) {
            return Path.of(System.getProperty("jgunicorn.launcher"));
        }
        if (System.getProperty("jgunicorn.root") != null) {
            Path p = Path.of(System.getProperty("jgunicorn.root"), "jgunicorn");
            return Files.isExecutable(p) ? p : null;
        }
        return null;
    }

    // --- the properties, as Arquillian sets them --------------------------------------------------------

    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getLauncher() { return launcher; }
    public void setLauncher(String launcher) { this.launcher = launcher; }
    public String getBindAddress() { return bindAddress; }
    public void setBindAddress(String bindAddress) { this.bindAddress = bindAddress; }
    /** The port of a managed server; 0 (default) takes a free one, read from the log. */
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    /** {@code -k}; unset (and no {@code threads}), a managed server gets {@code virtual}: see ServerArgs. */
    public String getWorkerClass() { return workerClass; }
    public void setWorkerClass(String workerClass) { this.workerClass = workerClass; }
    /** {@code -w}; 0 (unset) gives a managed server one worker, whatever {@code WEB_CONCURRENCY} says. */
    public int getWorkers() { return workers; }
    public void setWorkers(int workers) { this.workers = workers; }
    public int getThreads() { return threads; }
    public void setThreads(int threads) { this.threads = threads; }
    /** Managed: where to drop archives (a temporary directory by default). Remote: the server's deploy dir. */
    public String getDeployDir() { return deployDir; }
    public void setDeployDir(String deployDir) { this.deployDir = deployDir; }
    /** Managed: {@code auto} (default) uses {@code --deploy-dir} when the server supports it. */
    public String getUseDeployDir() { return useDeployDir; }
    public void setUseDeployDir(String useDeployDir) { this.useDeployDir = useDeployDir; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public int getStartupTimeoutSeconds() { return startupTimeoutSeconds; }
    public void setStartupTimeoutSeconds(int s) { this.startupTimeoutSeconds = s; }
    public int getDeployTimeoutSeconds() { return deployTimeoutSeconds; }
    public void setDeployTimeoutSeconds(int s) { this.deployTimeoutSeconds = s; }
    /** Extra command-line arguments, split on white space (quotes group words). */
    public String getJgunicornArgs() { return jgunicornArgs; }
    public void setJgunicornArgs(String jgunicornArgs) { this.jgunicornArgs = jgunicornArgs; }
    /** Any jgunicorn setting, {@code name=value} per line or separated by {@code ;}: becomes {@code --name value}. */
    public String getSettings() { return settings; }
    public void setSettings(String settings) { this.settings = settings; }
    public String getRealmFile() { return realmFile; }
    public void setRealmFile(String realmFile) { this.realmFile = realmFile; }
    /**
     * Users of the file realm: {@code name:password:role,role} separated by {@code ;} or new lines; an
     * X.500 name goes as it is, a name with {@code :} or {@code ;} in double quotes.
     */
    public String getRealmUsers() { return realmUsers; }
    public void setRealmUsers(String realmUsers) { this.realmUsers = realmUsers; }
    public String getAllowedTrailerNames() { return allowedTrailerNames; }
    public void setAllowedTrailerNames(String names) { this.allowedTrailerNames = names; }
    /** {@code locale=charset} pairs separated by {@code ,} or {@code ;} (as web.xml's locale-encoding-mapping). */
    public String getLocaleEncodings() { return localeEncodings; }
    public void setLocaleEncodings(String localeEncodings) { this.localeEncodings = localeEncodings; }
    public boolean isCrossContext() { return crossContext; }
    public void setCrossContext(boolean crossContext) { this.crossContext = crossContext; }
    public String getCertfile() { return certfile; }
    public void setCertfile(String certfile) { this.certfile = certfile; }
    public String getKeyfile() { return keyfile; }
    public void setKeyfile(String keyfile) { this.keyfile = keyfile; }
    public String getCaCerts() { return caCerts; }
    public void setCaCerts(String caCerts) { this.caCerts = caCerts; }
    public String getCertReqs() { return certReqs; }
    public void setCertReqs(String certReqs) { this.certReqs = certReqs; }
    /** A trust store (PKCS12) for the adapter's own HTTPS checks, and for tests to read. */
    public String getTrustStore() { return trustStore; }
    public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
    public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(String p) { this.trustStorePassword = p; }
    /**
     * The protocol for in-container tests: {@code Servlet 6.0} (default) or {@code Servlet 5.0}, both from
     * {@code arquillian-protocol-servlet-jakarta}, a dependency of this adapter. Client tests
     * ({@code testable = false}) use none.
     */
    public String getProtocol() { return protocol; }
    public void setProtocol(String protocol) { this.protocol = protocol; }
}
