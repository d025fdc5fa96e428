package io.kubeling.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication under {@code kubeling.authentication.*}, as kube-apiserver's flags: {@code anonymous}
 * (--anonymous-auth), {@code tokenAuthFile} (--token-auth-file), {@code serviceAccountIssuer}
 * (--service-account-issuer), {@code apiAudiences} (--api-audiences, the issuer when unset) and
 * {@code serviceAccountMaxTokenExpiration} (--service-account-max-token-expiration, none when unset) and
 * {@code enableBootstrapTokenAuth} (--enable-bootstrap-token-auth, off as in kube-apiserver; kubeadm turns it on).
 */
@ConfigurationProperties("kubeling.authentication")
public record AuthenticationProperties(
        @DefaultValue("true") boolean anonymous,
        Path tokenAuthFile,
        @DefaultValue("https://kubernetes.default.svc.cluster.local") String serviceAccountIssuer,
        List<String> apiAudiences,
        Duration serviceAccountMaxTokenExpiration,
        @DefaultValue("false") boolean enableBootstrapTokenAuth) {

    public AuthenticationProperties {
        apiAudiences = apiAudiences == null || apiAudiences.isEmpty() ? List.of(serviceAccountIssuer)
                : List.copyOf(apiAudiences);
    }
}
