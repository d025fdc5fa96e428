package io.kubeling.config;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secure port under {@code kubeling.tls.*}: HTTPS on {@code port} (kube-apiserver's --secure-port) with the
 * serving certificate and key in {@code certFile} and {@code privateKeyFile} (--tls-cert-file,
 * --tls-private-key-file), or, without them, a certificate made under the data directory for the bind address,
 * {@code addresses} and the in-cluster names. {@code plainHttp} keeps the plain port ({@code kubeling.port}) on
 * loopback as well.
 */
@ConfigurationProperties("kubeling.tls")
public record TlsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("6443") int port,
        @DefaultValue("true") boolean plainHttp,
        Path certFile,
        Path privateKeyFile,
        List<String> addresses) {

    public TlsProperties {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
