package io.kubeling.registry.authentication;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;

/**
 * Service-account tokens as kube-apiserver issues and checks them: ES256 JWTs with kube's claims ({@code iss},
 * {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code nbf}, {@code jti} and the {@code kubernetes.io}
 * claim naming the namespace, the service account and the object the token is bound to), signed with the cluster's
 * service-account key, whose id is the SHA-256 of its public key as kube computes it. A token holds only while its
 * service account and bound object exist with the uids it names.
 */
public final class ServiceAccountTokens {

    public static final String USER_PREFIX = "system:serviceaccount:";
    public static final String ALL_SERVICE_ACCOUNTS = "system:serviceaccounts";
    /** go-jose's default leeway for exp, nbf and iat. */
    private static final Duration LEEWAY = Duration.ofMinutes(1);
    /** A bound object deleted this long ago no longer vouches for its tokens, kube's grace for clock skew. */
    private static final Duration DELETED_GRACE = Duration.ofSeconds(60);
    private static final String CLAIM = "kubernetes.io";

    private final String issuer;
    private final List<String> apiAudiences;
    private final Supplier<java.security.KeyPair> keys;
    private volatile Signing signing;
    private final Registry registry;
    private final Clock clock;

    /** The key as JOSE uses it: its public JWK with kube's key id, its signer and its verifier. */
    private record Signing(ECKey key, JWSSigner signer, ECDSAVerifier verifier) {
    }

    public ServiceAccountTokens(String issuer, List<String> apiAudiences, java.security.KeyPair keys,
            Registry registry, Clock clock) {
        this(issuer, apiAudiences, () -> keys, registry, clock);
    }

    /** With the key pair read on the first token issued, checked or published, not before. */
    public ServiceAccountTokens(String issuer, List<String> apiAudiences, Supplier<java.security.KeyPair> keys,
            Registry registry, Clock clock) {
        this.issuer = issuer;
        this.apiAudiences = List.copyOf(apiAudiences);
        this.registry = registry;
        this.clock = clock;
        this.keys = keys;
    }

    private Signing signing() {
        Signing current = signing;
        if (current == null) {
            java.security.KeyPair pair = keys.get();
            try {
                ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
                current = new Signing(new ECKey.Builder(Curve.P_256, publicKey).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).keyID(keyId(publicKey.getEncoded())).build(),
                        new P256Signer((ECPrivateKey) pair.getPrivate()), new ECDSAVerifier(publicKey));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot use the service-account key", e);
            }
            signing = current;
        }
        return current;
    }

    /** kube's keyIDFromPublicKey: the unpadded base64url SHA-256 of the key's DER encoding. */
    static String keyId(byte[] der) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public List<String> apiAudiences() {
        return apiAudiences;
    }

    /** The public keys as a JSON Web Key Set, as {@code /openid/v1/jwks} serves them. */
    public Map<String, Object> jwks() {
        return new JWKSet(signing().key().toPublicJWK()).toJSONObject(true);
    }

    /** A token issued now. */
    public record Issued(String token, Instant expiration) {
    }

    /** The object a token is bound to: a Pod, a Secret or a Node, by name and uid. */
    public record BoundObject(String kind, String name, String uid) {
    }

    /**
     * A token for the account, bound to {@code bound} (null for none); a pod-bound token also names the pod's node,
     * as kube's do.
     */
    public Issued issue(ServiceAccount account, List<String> audiences, Duration lifetime, BoundObject bound,
            Node node) {
        return issue(account, audiences, lifetime, null, bound, node);
    }

    /**
     * A token as above that holds for {@code lifetime} but whose {@code kubernetes.io} claim says {@code warnafter}
     * (null for none): kube's extended projected tokens, which a client should have replaced by then.
     */
    public Issued issue(ServiceAccount account, List<String> audiences, Duration lifetime, Duration warnAfter,
            BoundObject bound, Node node) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant expiration = now.plus(lifetime);
        String namespace = account.getMetadata().getNamespace();
        Map<String, Object> kube = new LinkedHashMap<>();
        kube.put("namespace", namespace);
        if (node != null) {
            kube.put("node", ref(node.getMetadata().getName(), node.getMetadata().getUid()));
        }
        if (bound != null) {
            kube.put(bound.kind().toLowerCase(java.util.Locale.ROOT), ref(bound.name(), bound.uid()));
        }
        kube.put("serviceaccount", ref(account.getMetadata().getName(), account.getMetadata().getUid()));
        if (warnAfter != null) {
            kube.put("warnafter", now.plus(warnAfter).getEpochSecond());
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(audiences)
                .expirationTime(Date.from(expiration))
                .issueTime(Date.from(now))
                .issuer(issuer)
                .jwtID(UUID.randomUUID().toString())
                .claim(CLAIM, kube)
                .notBeforeTime(Date.from(now))
                .subject(USER_PREFIX + namespace + ":" + account.getMetadata().getName())
                .build();
        Map<String, Object> payload = new LinkedHashMap<>(claims.toJSONObject());
        // an array even for one audience, as kube writes it; nimbus would write a lone string
        payload.put("aud", List.copyOf(audiences));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signing().key().getKeyID()).build(),
                new Payload(payload));
        try {
            jws.sign(signing().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service-account token", e);
        }
        return new Issued(jws.serialize(), expiration);
    }

    private static Map<String, String> ref(String name, String uid) {
        Map<String, String> ref = new LinkedHashMap<>();
        ref.put("name", name);
        ref.put("uid", uid);
        return ref;
    }

    /** The token's service account, null when the token is no JWT of this issuer; InvalidCredential when it fails. */
    public UserInfo authenticate(String token, List<String> audiences) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return null;
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
        if (!issuer.equals(claims.getIssuer())) {
            return null;
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidCredential("invalid signature, algorithm " + jwt.getHeader().getAlgorithm());
        }
        try {
            if (!jwt.verify(signing().verifier())) {
                throw new InvalidCredential("square/go-jose: error in cryptographic primitive");
            }
        } catch (JOSEException e) {
            throw new InvalidCredential("square/go-jose: error in cryptographic primitive");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant().plus(LEEWAY))) {
            throw new InvalidCredential("service account token has expired");
        }
        if (claims.getNotBeforeTime() != null && now.plus(LEEWAY).isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new InvalidCredential("service account token is not valid yet");
        }
        if (claims.getIssueTime() != null && now.plus(LEEWAY).isBefore(claims.getIssueTime().toInstant())) {
            throw new InvalidCredential("service account token is issued in the future");
        }
        List<String> targets = audiences == null || audiences.isEmpty() ? apiAudiences : audiences;
        List<String> tokenAudiences = claims.getAudience();
        if (tokenAudiences.stream().noneMatch(targets::contains)) {
            throw new InvalidCredential("token audiences " + goList(tokenAudiences)
                    + " is invalid for the target audiences " + goList(targets));
        }
        return validate(claims);
    }

    private UserInfo validate(JWTClaimsSet claims) {
        Map<String, Object> kube;
        try {
            kube = claims.getJSONObjectClaim(CLAIM);
        } catch (ParseException e) {
            kube = null;
        }
        if (kube == null || !(kube.get("namespace") instanceof String namespace) || namespace.isEmpty()) {
            throw new InvalidCredential("service account token claim namespace not found");
        }
        Map<?, ?> accountRef = kube.get("serviceaccount") instanceof Map<?, ?> m ? m : null;
        if (accountRef == null || !(accountRef.get("name") instanceof String accountName)) {
            throw new InvalidCredential("service account token claim serviceaccount not found");
        }
        ServiceAccount account = find(ServiceAccount.class, namespace, accountName);
        if (account == null || deleted(account)) {
            throw new InvalidCredential("service account " + namespace + "/" + accountName + " has been deleted");
        }
        if (!String.valueOf(accountRef.get("uid")).equals(account.getMetadata().getUid())) {
            throw new InvalidCredential("service account UID (" + account.getMetadata().getUid()
                    + ") does not match claim (" + accountRef.get("uid") + ")");
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        checkBound(kube, "pod", Pod.class, namespace, extra);
        checkBound(kube, "secret", Secret.class, namespace, extra);
        checkBound(kube, "node", Node.class, null, extra);
        if (claims.getJWTID() != null) {
            extra.put("authentication.kubernetes.io/credential-id", List.of("JTI=" + claims.getJWTID()));
        }
        return new UserInfo(USER_PREFIX + namespace + ":" + accountName, account.getMetadata().getUid(),
                List.of(ALL_SERVICE_ACCOUNTS, ALL_SERVICE_ACCOUNTS + ":" + namespace), extra);
    }

    private <T extends HasMetadata> void checkBound(Map<String, Object> kube, String kind, Class<T> type,
            String namespace, Map<String, List<String>> extra) {
        if (!(kube.get(kind) instanceof Map<?, ?> ref) || !(ref.get("name") instanceof String name)) {
            return;
        }
        T object = find(type, namespace, name);
        String where = namespace == null ? name : namespace + "/" + name;
        String kindName = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        if (object == null || deleted(object)) {
            throw new InvalidCredential(kind + " " + where + " has been deleted");
        }
        if (!String.valueOf(ref.get("uid")).equals(object.getMetadata().getUid())) {
            throw new InvalidCredential(kindName + " UID (" + object.getMetadata().getUid()
                    + ") does not match claim (" + ref.get("uid") + ")");
        }
        if (!kind.equals("secret")) {
            extra.put("authentication.kubernetes.io/" + kind + "-name", List.of(name));
            extra.put("authentication.kubernetes.io/" + kind + "-uid", List.of(object.getMetadata().getUid()));
        }
    }

    private boolean deleted(HasMetadata object) {
        String deletion = object.getMetadata().getDeletionTimestamp();
        return deletion != null && Instant.parse(deletion).isBefore(clock.instant().minus(DELETED_GRACE));
    }

    private <T extends HasMetadata> T find(Class<T> type, String namespace, String name) {
        try {
            return registry.store(type).get(namespace, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Go's %q of a string slice: ["a" "b"]. */
    private static String goList(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add("\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return "[" + String.join(" ", quoted) + "]";
    }
}
