package io.kubeling.registry.authentication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.kubeling.config.AuthenticationProperties;
import io.kubeling.registry.Registry;
import io.kubeling.registry.UserInfo;

/**
 * kube-apiserver's request authenticators in its order: client certificates, then bearer tokens (the static token
 * file, then service-account tokens, then bootstrap tokens when they are on). Each user they vouch for is also in {@code system:authenticated}, as kube's
 * group adder makes it. A credential none of them accepts fails the request, whatever anonymous access allows.
 */
@Component
public class Authenticators {

    private final ClientCertificates certificates;
    private final TokenFile tokenFile;
    private final ServiceAccountTokens serviceAccounts;
    private final BootstrapTokens bootstrapTokens;
    private final List<String> apiAudiences;
    private final boolean anonymous;

    public Authenticators(ClusterPki pki, AuthenticationProperties properties, Registry registry, Clock clock) {
        this.certificates = new ClientCertificates(pki::ca, clock);
        try {
            this.tokenFile = properties.tokenAuthFile() == null ? TokenFile.empty()
                    : TokenFile.read(properties.tokenAuthFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeling.authentication.token-auth-file", e);
        }
        this.serviceAccounts = new ServiceAccountTokens(properties.serviceAccountIssuer(),
                properties.apiAudiences(), pki::serviceAccountKeys, registry, clock);
        this.bootstrapTokens = properties.enableBootstrapTokenAuth() ? new BootstrapTokens(registry, clock) : null;
        this.apiAudiences = properties.apiAudiences();
        this.anonymous = properties.anonymous();
    }

    public ServiceAccountTokens serviceAccountTokens() {
        return serviceAccounts;
    }

    /** Whether a request without credentials is {@code system:anonymous} (kube's --anonymous-auth) or refused. */
    public boolean anonymousAllowed() {
        return anonymous;
    }

    /** The certificate's user, or null when it names none. */
    public UserInfo certificate(X509Certificate[] chain) {
        UserInfo user = certificates.authenticate(chain);
        return user == null ? null : authenticated(user);
    }

    /** The token's user for the API's audiences (or {@code audiences} when given); InvalidCredential otherwise. */
    public UserInfo token(String token, List<String> audiences) {
        UserInfo user = tokenFile.authenticate(token);
        if (user == null) {
            user = serviceAccounts.authenticate(token, audiences);
        }
        // audience-agnostic, as kube wraps it: it answers only for the API's own audiences
        if (user == null && bootstrapTokens != null
                && (audiences == null || audiences.isEmpty() || audiences.stream().anyMatch(apiAudiences::contains))) {
            user = bootstrapTokens.authenticate(token);
        }
        if (user == null) {
            throw new InvalidCredential("invalid bearer token");
        }
        return authenticated(user);
    }

    /** kube's AuthenticatedGroupAdder: every authenticated user is in system:authenticated. */
    static UserInfo authenticated(UserInfo user) {
        if (user.groups().contains(UserInfo.AUTHENTICATED)) {
            return user;
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.add(UserInfo.AUTHENTICATED);
        return new UserInfo(user.name(), user.uid(), groups, user.extra());
    }
}
