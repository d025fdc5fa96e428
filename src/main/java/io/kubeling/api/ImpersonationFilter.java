package io.kubeling.api;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.kubeling.registry.Authorizer;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.authentication.ServiceAccountTokens;

/**
 * kube-apiserver's WithImpersonation: {@code Impersonate-User}, {@code -Uid}, {@code -Group} and
 * {@code Impersonate-Extra-<key>} make the request another user's, each asked of the authorizer as the verb
 * {@code impersonate} on {@code users}, {@code serviceaccounts} (for a {@code system:serviceaccount:} name, in its
 * namespace), {@code groups}, {@code uids} and {@code userextras/<key>}; the first refused gets kube's 403. The
 * headers are gone from the request once they have done their work.
 */
@Component
// after the audit filter, which logs the authenticated user and the one impersonated, as kube's chain does
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class ImpersonationFilter extends ApiFilter {

    static final String USER = "Impersonate-User";
    static final String UID = "Impersonate-Uid";
    static final String GROUP = "Impersonate-Group";
    static final String EXTRA = "impersonate-extra-";
    private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";

    private final ObjectProvider<Authorizer> authorizer;
    private final Codecs codecs;

    ImpersonationFilter(ObjectProvider<Authorizer> authorizer, Codecs codecs) {
        this.authorizer = authorizer;
        this.codecs = codecs;
    }

    /** One thing asked to be impersonated: kube's ObjectReference of kind User, ServiceAccount, Group, Uid, UserExtra. */
    record Asked(String resource, String group, String namespace, String name, String subresource) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getHeader(USER);
        List<String> groups = Collections.list(request.getHeaders(GROUP));
        String uid = request.getHeader(UID);
        Map<String, List<String>> extra = new LinkedHashMap<>();
        for (var names = request.getHeaderNames(); names.hasMoreElements();) {
            String header = names.nextElement();
            if (header.regionMatches(true, 0, EXTRA, 0, EXTRA.length())) {
                String key = unescape(header.substring(EXTRA.length()).toLowerCase(Locale.ROOT));
                extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(header)));
            }
        }
        boolean hasUser = user != null && !user.isEmpty();
        if (!hasUser && groups.isEmpty() && extra.isEmpty() && uid == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            UserInfo acting = impersonate(RequestUser.of(request), user, groups, uid, extra);
            RequestUser.set(request, acting);
        } catch (StatusException e) {
            response.setStatus(e.code());
            response.setContentType(WireFormat.JSON.mediaType());
            response.getOutputStream().write(codecs.write(e.status(), WireFormat.JSON, false));
            return;
        }
        chain.doFilter(new WithoutImpersonation(request), response);
    }

    UserInfo impersonate(UserInfo requestor, String user, List<String> groups, String uid,
            Map<String, List<String>> extra) {
        boolean hasUser = user != null && !user.isEmpty();
        List<Asked> asked = new ArrayList<>();
        String namespace = null;
        if (hasUser) {
            String[] account = serviceAccount(user);
            if (account != null) {
                namespace = account[0];
                asked.add(new Asked("serviceaccounts", "", account[0], account[1], ""));
            } else {
                asked.add(new Asked("users", "", "", user, ""));
            }
        }
        groups.forEach(g -> asked.add(new Asked("groups", "", "", g, "")));
        if (uid != null) {
            asked.add(new Asked("uids", AUTHENTICATION_GROUP, "", uid, ""));
        }
        extra.forEach((key, values) -> values.forEach(
                v -> asked.add(new Asked("userextras", AUTHENTICATION_GROUP, "", v, key))));
        if (!hasUser) {
            // kube answers this with a 500; it is the client's mistake, and gets a 400 here
            throw Errors.badRequest("requested " + describe(asked) + " without impersonating a user");
        }
        Authorizer decider = authorizer.getIfAvailable(() -> Authorizer.ALWAYS_ALLOW);
        for (Asked a : asked) {
            Authorizer.Decision decision = decider.authorize(new Authorizer.Attributes(requestor, "impersonate", true,
                    a.group(), "", a.resource(), a.subresource(), a.namespace(), a.name(), ""));
            if (!decision.allowed()) {
                throw forbidden(requestor, a, decision.reason());
            }
        }
        List<String> actingGroups = new ArrayList<>();
        if (namespace != null && groups.isEmpty()) {
            actingGroups.add(ServiceAccountTokens.ALL_SERVICE_ACCOUNTS);
            actingGroups.add(ServiceAccountTokens.ALL_SERVICE_ACCOUNTS + ":" + namespace);
        }
        actingGroups.addAll(groups);
        if (!user.equals(UserInfo.ANONYMOUS.name()) && !actingGroups.contains(UserInfo.AUTHENTICATED)
                && !actingGroups.contains(UserInfo.UNAUTHENTICATED)) {
            actingGroups.add(UserInfo.AUTHENTICATED);
        }
        return new UserInfo(user, uid, actingGroups, extra);
    }

    /** kube's serviceaccount.SplitUsername: {@code system:serviceaccount:<namespace>:<name>}, both parts non-empty. */
    static String[] serviceAccount(String user) {
        if (!user.startsWith(ServiceAccountTokens.USER_PREFIX)) {
            return null;
        }
        String[] parts = user.substring(ServiceAccountTokens.USER_PREFIX.length()).split(":", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        return parts;
    }

    /** responsewriters.Forbidden over the impersonation attributes, kube's message word for word. */
    private static StatusException forbidden(UserInfo requestor, Asked a, String reason) {
        String resource = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
        String why = "User \"" + requestor.name() + "\" cannot impersonate resource \"" + resource
                + "\" in API group \"" + a.group() + "\""
                + (a.namespace().isEmpty() ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\"");
        if (reason != null && !reason.isEmpty()) {
            why += ": " + reason;
        }
        return Errors.forbidden(new GroupResource(a.group(), a.resource()), a.name(), why);
    }

    private static String describe(List<Asked> asked) {
        List<String> parts = new ArrayList<>();
        for (Asked a : asked) {
            String kind = switch (a.resource()) {
                case "groups" -> "Group";
                case "uids" -> "UID";
                default -> "UserExtra";
            };
            parts.add("{" + kind + " " + a.name() + "}");
        }
        return "[" + String.join(" ", parts) + "]";
    }

    /** kube's unescapeExtraKey: a percent-encoded key (for characters a header name cannot hold) is decoded. */
    private static String unescape(String key) {
        try {
            return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return key;
        }
    }

    /** The request with the impersonation headers removed, as kube deletes them before the handlers. */
    private static final class WithoutImpersonation extends HttpServletRequestWrapper {

        WithoutImpersonation(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.equals("impersonate-user") || n.equals("impersonate-group") || n.equals("impersonate-uid")
                    || n.startsWith(EXTRA);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String n : Collections.list(super.getHeaderNames())) {
                if (!hidden(n)) {
                    names.add(n);
                }
            }
            return Collections.enumeration(names);
        }
    }
}
