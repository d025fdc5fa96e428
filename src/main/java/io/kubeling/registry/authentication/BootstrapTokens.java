package io.kubeling.registry.authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;

/**
 * kube's bootstrap token authenticator (--enable-bootstrap-token-auth): a token {@code <id>.<secret>} is the user
 * {@code system:bootstrap:<id>} in {@code system:bootstrappers} and its Secret's extra groups, sorted, when the
 * {@code bootstrap.kubernetes.io/token} Secret {@code bootstrap-token-<id>} in kube-system holds that secret, allows
 * authentication and has not expired. Anything else is no token of its kind; why is logged, as kube logs it, never
 * the token.
 */
final class BootstrapTokens {

    private static final Logger log = LoggerFactory.getLogger(BootstrapTokens.class);
    private static final Pattern TOKEN = Pattern.compile("^([a-z0-9]{6})\\.([a-z0-9]{16})$");
    private static final Pattern EXTRA_GROUP = Pattern.compile("^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$");
    static final String NAMESPACE = "kube-system";
    static final String SECRET_TYPE = "bootstrap.kubernetes.io/token";
    static final String DEFAULT_GROUP = "system:bootstrappers";

    private final Registry registry;
    private final Clock clock;

    BootstrapTokens(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The token's user, or null when it is no bootstrap token that holds. */
    UserInfo authenticate(String token) {
        Matcher parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return null;
        }
        String id = parts.group(1);
        String name = "bootstrap-token-" + id;
        Secret secret;
        try {
            secret = registry.store(Secret.class).get(NAMESPACE, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                log.debug("No secret of name {} to match bootstrap bearer token", name);
                return null;
            }
            throw e;
        }
        if (secret.getMetadata().getDeletionTimestamp() != null) {
            return refused(secret, "is deleted and awaiting removal");
        }
        Map<String, String> data = secret.getData();
        if (!SECRET_TYPE.equals(secret.getType()) || data == null) {
            return refused(secret, "has invalid type, expected " + SECRET_TYPE + ".");
        }
        if (!MessageDigest.isEqual(value(data, "token-secret").getBytes(StandardCharsets.UTF_8),
                parts.group(2).getBytes(StandardCharsets.UTF_8))) {
            return refused(secret, "has invalid value for key token-secret.");
        }
        if (!value(data, "token-id").equals(id)) {
            return refused(secret, "has invalid value for key token-id.");
        }
        if (expired(secret, value(data, "expiration"))) {
            return null;
        }
        if (!value(data, "usage-bootstrap-authentication").equals("true")) {
            return refused(secret, "not marked usage-bootstrap-authentication=true.");
        }
        TreeSet<String> groups = new TreeSet<>(List.of(DEFAULT_GROUP));
        String extra = value(data, "auth-extra-groups");
        if (!extra.isEmpty()) {
            for (String group : extra.split(",", -1)) {
                if (!EXTRA_GROUP.matcher(group).matches()) {
                    return refused(secret, "has invalid value for key auth-extra-groups: " + group
                            + " does not match " + EXTRA_GROUP.pattern() + ".");
                }
                groups.add(group);
            }
        }
        return new UserInfo("system:bootstrap:" + id, "", List.copyOf(groups), Map.of());
    }

    /** kube's HasExpired: an expiration that does not parse counts as passed. */
    private boolean expired(Secret secret, String expiration) {
        if (expiration.isEmpty()) {
            return false;
        }
        try {
            if (!OffsetDateTime.parse(expiration).toInstant().isAfter(clock.instant())) {
                log.debug("Expired bootstrap token in {}/{} Secret: {}", NAMESPACE, secret.getMetadata().getName(),
                        expiration);
                return true;
            }
            return false;
        } catch (DateTimeParseException e) {
            log.debug("Unparseable expiration time ({}) in {}/{} Secret. Treating as expired.", expiration, NAMESPACE,
                    secret.getMetadata().getName());
            return true;
        }
    }

    private static String value(Map<String, String> data, String key) {
        String encoded = data.get(key);
        if (encoded == null) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static UserInfo refused(Secret secret, String why) {
        log.debug("Bootstrap secret {}/{} matching bearer token {}", NAMESPACE, secret.getMetadata().getName(), why);
        return null;
    }
}
