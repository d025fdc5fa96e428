package io.kubeling.admission;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.WebhookPoster;

/**
 * Posts AdmissionReviews over HTTPS, as kube-apiserver's webhook client: to {@code clientConfig.url}, or to a
 * Service, with the certificate checked for {@code name.namespace.svc}. An ExternalName Service is reached at
 * its external name, as kube reaches it; for others, whose cluster IPs lead nowhere outside a real cluster, the
 * first address of their Endpoints on the port the Service maps, as kube does with aggregator routing; trusting only the caBundle; the webhook's timeout sent as kube sends it
 * ({@code ?timeout=10s}) and kept. Failures carry Go's wording where a client sees it.
 */
@Component
class HttpsWebhookCaller implements WebhookCaller, WebhookPoster {

    /** client-go's dialer timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectProvider<Registry> registry;
    /** One client per trust (caBundle and expected name): each holds its connections and a selector thread. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    HttpsWebhookCaller(ObjectProvider<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public CompletableFuture<byte[]> post(Webhook hook, byte[] review, int timeoutSeconds) {
        return post(hook.clientConfig(), review, timeoutSeconds);
    }

    @Override
    public CompletableFuture<byte[]> post(WebhookClientConfig config, byte[] review, int timeoutSeconds) {
        Target target = config.getUrl() != null ? Target.ofUrl(config.getUrl(), timeoutSeconds)
                : service(config.getService(), timeoutSeconds);
        HttpClient client;
        try {
            client = client(config.getCaBundle(), target.serverName());
        } catch (GeneralSecurityException e) {
            throw new CallFailure("could not get REST client: unable to load root certificates: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(target.connect())
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, */*")
                .POST(HttpRequest.BodyPublishers.ofByteArray(review))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CallFailure("failed to call webhook: Post \"" + target.shown() + "\": "
                                + reason(error, target, timeoutSeconds));
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new CallFailure("failed to call webhook: " + statusError(response));
                    }
                    return response.body();
                });
    }

    private HttpClient client(String caBundle, String serverName) throws GeneralSecurityException {
        String key = (caBundle == null ? "" : caBundle) + "|" + serverName;
        HttpClient client = clients.get(key);
        if (client != null) {
            return client;
        }
        byte[] bundle = caBundle == null ? null : java.util.Base64.getDecoder().decode(caBundle);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(WebhookTrust.context(bundle, serverName))
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        HttpClient raced = clients.putIfAbsent(key, client);
        return raced == null ? client : raced;
    }

    /** Where a Service's webhook is reached: its Endpoints' address and the port behind the Service's port. */
    private Target service(ServiceReference reference, int timeoutSeconds) {
        int port = reference.getPort() == null ? 443 : reference.getPort();
        String path = reference.getPath() == null ? "" : reference.getPath();
        String host = reference.getName() + "." + reference.getNamespace() + ".svc";
        String shown = shownUrl(reference, timeoutSeconds);
        Registry reg = registry.getObject();
        Service service = lookUp(() -> reg.store(Service.class).peek(reference.getNamespace(), reference.getName()),
                shown);
        if (service.getSpec() != null && "ExternalName".equals(service.getSpec().getType())
                && service.getSpec().getExternalName() != null) {
            // as kube's service resolver: an ExternalName service is reached at its name, on the webhook's port
            String external = service.getSpec().getExternalName();
            URI connect = URI.create("https://" + external + ":" + port + path + "?timeout=" + timeoutSeconds + "s");
            return new Target(connect, host, shown);
        }
        ServicePort servicePort = service.getSpec() == null || service.getSpec().getPorts() == null ? null
                : service.getSpec().getPorts().stream().filter(p -> p.getPort() != null && p.getPort() == port)
                        .findFirst().orElse(null);
        if (servicePort == null) {
            throw new CallFailure("failed to call webhook: Post \"" + shown + "\": no service port " + port
                    + " found for service \"" + reference.getName() + "\"");
        }
        Endpoints endpoints = lookUp(() -> reg.store(Endpoints.class).peek(reference.getNamespace(),
                reference.getName()), shown);
        for (EndpointSubset subset : endpoints.getSubsets() == null ? java.util.List.<EndpointSubset>of()
                : endpoints.getSubsets()) {
            if (subset.getAddresses() == null || subset.getAddresses().isEmpty() || subset.getPorts() == null) {
                continue;
            }
            for (EndpointPort endpointPort : subset.getPorts()) {
                boolean same = servicePort.getName() == null || servicePort.getName().isEmpty()
                        ? subset.getPorts().size() == 1
                        : servicePort.getName().equals(endpointPort.getName());
                if (same) {
                    EndpointAddress address = subset.getAddresses().get(0);
                    String ip = address.getIp().contains(":") ? "[" + address.getIp() + "]" : address.getIp();
                    URI connect = URI.create("https://" + ip + ":" + endpointPort.getPort() + path + "?timeout="
                            + timeoutSeconds + "s");
                    return new Target(connect, host, shown);
                }
            }
        }
        throw new CallFailure("failed to call webhook: Post \"" + shown + "\": no endpoints available for service \""
                + reference.getName() + "\"");
    }

    /** The URL a call's failure names, as kube's client names it: the endpoint with the call's timeout. */
    static String shownUrl(WebhookClientConfig config, int timeoutSeconds) {
        return config.getUrl() != null ? shownUrl(config.getUrl(), timeoutSeconds)
                : shownUrl(config.getService(), timeoutSeconds);
    }

    private static String shownUrl(String url, int timeoutSeconds) {
        return url + "?timeout=" + timeoutSeconds + "s";
    }

    private static String shownUrl(ServiceReference reference, int timeoutSeconds) {
        int port = reference.getPort() == null ? 443 : reference.getPort();
        String path = reference.getPath() == null ? "" : reference.getPath();
        return "https://" + reference.getName() + "." + reference.getNamespace() + ".svc:" + port + path
                + "?timeout=" + timeoutSeconds + "s";
    }

    private static <T> T lookUp(java.util.function.Supplier<T> read, String shown) {
        try {
            return read.get();
        } catch (StatusException e) {
            throw new CallFailure("failed to call webhook: Post \"" + shown + "\": " + e.getMessage());
        }
    }

    record Target(URI connect, String serverName, String shown) {

        static Target ofUrl(String url, int timeoutSeconds) {
            String shown = shownUrl(url, timeoutSeconds);
            URI uri = URI.create(shown);
            String host = uri.getHost();
            if (host != null && host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Target(uri, host, shown);
        }

        String dialAddress() {
            int port = connect.getPort() < 0 ? 443 : connect.getPort();
            return connect.getHost() + ":" + port;
        }
    }

    /**
     * Go's wording for why a call failed. A call still connecting (TCP or TLS) when its own timeout, shorter than
     * the dialer's, runs out fails as Go's transport fails it, with the request context's error; only the dialer's
     * own 30 s timeout is the dial's i/o timeout.
     */
    static String reason(Throwable error, Target target, int timeoutSeconds) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof HttpConnectTimeoutException) {
            return timeoutSeconds < CONNECT_TIMEOUT.toSeconds() ? "context deadline exceeded"
                    : "dial tcp " + target.dialAddress() + ": i/o timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "context deadline exceeded";
        }
        if (e instanceof ConnectException) {
            return "dial tcp " + target.dialAddress() + ": connect: connection refused";
        }
        if (e instanceof SSLException) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.security.cert.CertificateException && cause.getMessage() != null
                        && cause.getMessage().startsWith("x509: ")) {
                    return "tls: failed to verify certificate: " + cause.getMessage();
                }
            }
            return "remote error: tls: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? "EOF" : e.getMessage();
        }
        return String.valueOf(e);
    }

    /** client-go's error for a response that is not a success, as a webhook that answers one sees it. */
    private static String statusError(HttpResponse<byte[]> response) {
        int code = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return switch (code) {
            case 404 -> "the server could not find the requested resource";
            case 401 -> "Unauthorized";
            case 403 -> "the server does not allow access to the requested resource";
            case 429 -> "the server has received too many requests and has asked us to try again later";
            case 503 -> "the server is currently unable to handle the request";
            case 504 -> "the server was unable to return a response in the time allotted, but may still be "
                    + "processing the request";
            default -> code >= 500 ? "an error on the server (\"" + trimmed(body) + "\") has prevented the request "
                    + "from succeeding" : "the server responded with the status code " + code
                    + " but did not return more information";
        };
    }

    private static String trimmed(String body) {
        String text = body.strip();
        return text.length() > 1024 ? text.substring(0, 1024) : text;
    }
}
