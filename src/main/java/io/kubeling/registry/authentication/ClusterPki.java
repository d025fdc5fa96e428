package io.kubeling.registry.authentication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;
import io.kubeling.config.ServiceNetworkProperties;
import io.kubeling.config.TlsProperties;

/**
 * The cluster's keys and certificates, as kubeadm lays them out under {@code <data-dir>/pki}: the CA
 * ({@code ca.crt}, {@code ca.key}, CN {@code kubernetes}, ten years), the serving certificate
 * ({@code apiserver.crt}, {@code apiserver.key}, one year, for every name clients call the server by) and the
 * service-account signing key ({@code sa.key}, {@code sa.pub}). Made on first start and kept; files that are there
 * (the user's own CA, say) are used as they are, and a serving certificate made here is made again when it no longer
 * names every address or nears its end. Keys are EC P-256, which take a millisecond to make where RSA takes tens.
 */
@Component
public class ClusterPki {

    private static final Logger log = LoggerFactory.getLogger(ClusterPki.class);
    static final String CA_NAME = "kubernetes";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Room for clocks a little behind ours, as kubeadm back-dates its certificates. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final Path directory;
    private final Clock clock;
    private final TlsProperties tls;
    private final Set<String> dnsNames = new LinkedHashSet<>();
    private final Set<String> ipAddresses = new LinkedHashSet<>();
    private volatile Keys keys;
    private volatile Serving serving;

    /** The CA (its key null when only its certificate is at hand) and the service-account key pair. */
    private record Keys(KeyPair caKeys, X509Certificate ca, KeyPair serviceAccountKeys) {
    }

    /**
     * Reads or makes nothing yet: the keys are read or made on first use, and with TLS on a thread of its own
     * from now, so that the serving certificate is ready when the secure port opens and the start does not wait
     * for Bouncy Castle's classes and the key generation.
     */
    @Autowired
    public ClusterPki(KubelingProperties properties, TlsProperties tls, ServiceNetworkProperties network,
            Clock clock) {
        this(properties.dataDir().resolve("pki"), tls, clock, names(properties, tls, network));
        if (tls.enabled()) {
            Thread prepare = new Thread(this::prepare, "cluster-pki");
            prepare.setDaemon(true);
            prepare.start();
        }
    }

    ClusterPki(Path directory, TlsProperties tls, Clock clock, List<String> addresses) {
        this.directory = directory;
        this.clock = clock;
        this.tls = tls;
        for (String a : addresses) {
            (isIpLiteral(a) ? ipAddresses : dnsNames).add(a);
        }
    }

    /** The keys and the serving certificate, made ahead of their first use; a failure is met again by that use. */
    private void prepare() {
        try {
            serving();
        } catch (RuntimeException e) {
            log.debug("could not prepare the cluster's keys ahead of their use", e);
        }
    }

    private Keys keys() {
        Keys current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = readOrMake();
                }
                current = keys;
            }
        }
        return current;
    }

    private Keys readOrMake() {
        KeyPair caKeys;
        X509Certificate ca;
        KeyPair serviceAccountKeys;
        try {
            Path caCrt = directory.resolve("ca.crt");
            Path caKey = directory.resolve("ca.key");
            if (Files.exists(caCrt)) {
                ca = Pem.certificates(Files.readString(caCrt)).get(0);
                caKeys = Files.exists(caKey) ? new KeyPair(ca.getPublicKey(),
                        Pem.privateKey(Files.readString(caKey))) : null;
            } else {
                caKeys = newKeyPair();
                ca = selfSignedCa(caKeys);
                Pem.write(caKey, Pem.encodePrivateKey(caKeys), true);
                Pem.write(caCrt, Pem.encode(ca), false);
                log.info("made the cluster CA {}", caCrt);
            }
            Path saKey = directory.resolve("sa.key");
            if (Files.exists(saKey)) {
                serviceAccountKeys = new KeyPair(Pem.publicKey(Files.readString(directory.resolve("sa.pub"))),
                        Pem.privateKey(Files.readString(saKey)));
            } else {
                serviceAccountKeys = newKeyPair();
                Pem.write(saKey, Pem.encodePrivateKey(serviceAccountKeys), true);
                Pem.write(directory.resolve("sa.pub"), Pem.encode(serviceAccountKeys.getPublic()), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the cluster's keys under " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the cluster's keys", e);
        }
        return new Keys(caKeys, ca, serviceAccountKeys);
    }

    /** The serving certificate's names: loopback, the bind address, the configured names and the in-cluster ones. */
    private static List<String> names(KubelingProperties properties, TlsProperties tls,
            ServiceNetworkProperties network) {
        List<String> names = new ArrayList<>(List.of("localhost", "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "127.0.0.1", "::1"));
        String bind = properties.bindAddress();
        if (bind != null && !bind.isBlank() && !bind.equals("0.0.0.0") && !bind.equals("::")) {
            names.add(bind);
        }
        if (properties.api() != null && properties.api().hostNames() != null) {
            names.addAll(properties.api().hostNames());
        }
        names.addAll(tls.addresses());
        String serviceIp = firstServiceAddress(network.serviceCidr());
        if (serviceIp != null) {
            names.add(serviceIp);
        }
        return names;
    }

    /** The {@code kubernetes} Service's address: the first of the service range. */
    static String firstServiceAddress(String cidr) {
        try {
            byte[] base = InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress();
            BigInteger next = new BigInteger(1, base).add(BigInteger.ONE);
            byte[] raw = next.toByteArray();
            byte[] address = new byte[base.length];
            System.arraycopy(raw, Math.max(0, raw.length - base.length), address,
                    Math.max(0, base.length - raw.length), Math.min(raw.length, base.length));
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    public X509Certificate ca() {
        return keys().ca();
    }

    /** The CA's private key, for the controller manager's signer of CertificateSigningRequests. */
    public PrivateKey caKey() {
        return keys().caKeys().getPrivate();
    }

    public String caPem() {
        return Pem.encode(ca());
    }

    public KeyPair serviceAccountKeys() {
        return keys().serviceAccountKeys();
    }

    /** The serving key and chain: the user's files when set, else the certificate made here. */
    public Serving serving() {
        Serving current = serving;
        if (current == null) {
            synchronized (this) {
                if (serving == null) {
                    serving = loadServing();
                }
                current = serving;
            }
        }
        return current;
    }

    /** A key and the certificates that vouch for it, leaf first. */
    public record Serving(PrivateKey key, List<X509Certificate> chain) {
    }

    /** A client certificate and its key, as a kubeconfig carries them. */
    public record ClientCredential(String certificatePem, String keyPem) {
    }

    /** A client certificate signed by the CA, {@code CN=user, O=groups}, as kubeadm's for admin.conf. */
    public ClientCredential issueClient(String user, List<String> groups) {
        if (keys().caKeys() == null) {
            throw new IllegalStateException("the CA's key is not in " + directory + "; no client certificate");
        }
        try {
            KeyPair keys = newKeyPair();
            X509Certificate certificate = leaf(groups, user, keys.getPublic(), false, List.of(), List.of());
            return new ClientCredential(Pem.encode(certificate), Pem.encodePrivateKey(keys));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a client certificate", e);
        }
    }

    private Serving loadServing() {
        try {
            if (tls.certFile() != null) {
                List<X509Certificate> chain = Pem.certificates(Files.readString(tls.certFile()));
                if (chain.isEmpty()) {
                    throw new IOException("no certificate in " + tls.certFile());
                }
                Path keyFile = tls.privateKeyFile() != null ? tls.privateKeyFile() : tls.certFile();
                return new Serving(Pem.privateKey(Files.readString(keyFile)), chain);
            }
            Path crt = directory.resolve("apiserver.crt");
            Path key = directory.resolve("apiserver.key");
            if (Files.exists(crt) && Files.exists(key)) {
                List<X509Certificate> chain = Pem.certificates(Files.readString(crt));
                if (!chain.isEmpty() && current(chain.get(0))) {
                    return new Serving(Pem.privateKey(Files.readString(key)), chain);
                }
            }
            if (keys().caKeys() == null) {
                throw new IOException("the CA's key is not in " + directory
                        + ": give kubeling.tls.cert-file and kubeling.tls.private-key-file");
            }
            KeyPair keys = newKeyPair();
            X509Certificate certificate = leaf(List.of(), "kube-apiserver", keys.getPublic(), true, dnsNames,
                    ipAddresses);
            Pem.write(key, Pem.encodePrivateKey(keys), true);
            Pem.write(crt, Pem.encode(certificate), false);
            log.info("made the serving certificate {} for {} {}", crt, dnsNames, ipAddresses);
            return new Serving(keys.getPrivate(), List.of(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the serving certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the serving certificate", e);
        }
    }

    /** Signed by this CA, valid for a while yet, and naming every address. */
    private boolean current(X509Certificate certificate) throws CertificateParsingException {
        try {
            certificate.verify(ca().getPublicKey());
        } catch (GeneralSecurityException e) {
            return false;
        }
        if (certificate.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE))) {
            return false;
        }
        Set<String> named = new LinkedHashSet<>();
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                named.add(normalize(String.valueOf(san.get(1))));
            }
        }
        return dnsNames.stream().allMatch(n -> named.contains(n))
                && ipAddresses.stream().allMatch(ip -> named.contains(normalize(ip)));
    }

    private static String normalize(String name) {
        if (isIpLiteral(name)) {
            try {
                return InetAddress.getByName(name).getHostAddress();
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name;
    }

    private X509Certificate leaf(List<String> organizations, String commonName, PublicKey key, boolean server,
            Collection<String> dnsNames, Collection<String> ipAddresses) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        Keys keys = keys();
        return Certificates.leaf(keys.ca(), keys.caKeys().getPrivate(), organizations, commonName, key, server,
                dnsNames, ipAddresses, now.minus(BACKDATE), now.plus(LEAF_VALIDITY));
    }

    private X509Certificate selfSignedCa(KeyPair keys) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        return Certificates.selfSignedCa(CA_NAME, keys, now.minus(BACKDATE), now.plus(CA_VALIDITY));
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
