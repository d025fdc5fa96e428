package io.kubeling.cel;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cel.bundle.CelBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

/**
 * kube's CEL libraries that rules commonly use (k8s.io/apiserver/pkg/cel/library): lists, regex,
 * URLs, IP addresses and CIDRs, quantities.
 */
final class KubeLibrary {

    static final OpaqueType URL = OpaqueType.create("kubernetes.URL");
    static final OpaqueType IP = OpaqueType.create("net.IP");
    static final OpaqueType CIDR = OpaqueType.create("net.IPPrefix");
    static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");

    private static final CelType STRING = SimpleType.STRING;
    private static final CelType INT = SimpleType.INT;
    private static final CelType BOOL = SimpleType.BOOL;
    private static final CelType DOUBLE = SimpleType.DOUBLE;

    private KubeLibrary() {
    }

    static void install(CelBuilder b) {
        lists(b);
        regex(b);
        urls(b);
        ips(b);
        quantities(b);
    }

    // lists -----------------------------------------------------------------------------------

    private static void lists(CelBuilder b) {
        TypeParamType t = TypeParamType.create("T");
        ListType listT = ListType.create(t);
        b.addFunctionDeclarations(
                fn("isSorted", CelOverloadDecl.newMemberOverload("list_is_sorted", BOOL, listT)),
                fn("sum", CelOverloadDecl.newMemberOverload("list_int_sum", INT, ListType.create(INT)),
                        CelOverloadDecl.newMemberOverload("list_double_sum", DOUBLE, ListType.create(DOUBLE)),
                        CelOverloadDecl.newMemberOverload("list_duration_sum", SimpleType.DURATION,
                                ListType.create(SimpleType.DURATION))),
                fn("min", CelOverloadDecl.newMemberOverload("list_min", t, listT)),
                fn("max", CelOverloadDecl.newMemberOverload("list_max", t, listT)),
                fn("indexOf", CelOverloadDecl.newMemberOverload("list_index_of", INT, listT, t)),
                fn("lastIndexOf", CelOverloadDecl.newMemberOverload("list_last_index_of", INT, listT, t)));
        b.addFunctionBindings(
                CelFunctionBinding.from("list_is_sorted", List.class, KubeLibrary::isSorted),
                CelFunctionBinding.from("list_int_sum", List.class, l -> {
                    long sum = 0;
                    for (Object o : l) {
                        sum = Math.addExact(sum, (Long) o);
                    }
                    return sum;
                }),
                CelFunctionBinding.from("list_double_sum", List.class, l -> {
                    double sum = 0;
                    for (Object o : l) {
                        sum += ((Number) o).doubleValue();
                    }
                    return sum;
                }),
                CelFunctionBinding.from("list_duration_sum", List.class, l -> {
                    java.time.Duration sum = java.time.Duration.ZERO;
                    for (Object o : l) {
                        sum = sum.plus((java.time.Duration) o);
                    }
                    return sum;
                }),
                CelFunctionBinding.from("list_min", List.class, l -> extreme(l, -1)),
                CelFunctionBinding.from("list_max", List.class, l -> extreme(l, 1)),
                CelFunctionBinding.from("list_index_of", List.class, Object.class, (l, v) -> (long) indexOf(l, v)),
                CelFunctionBinding.from("list_last_index_of", List.class, Object.class,
                        (l, v) -> (long) lastIndexOf(l, v)));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static boolean isSorted(List l) {
        for (int i = 1; i < l.size(); i++) {
            if (((Comparable) l.get(i - 1)).compareTo(l.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object extreme(List l, int sign) throws CelEvaluationException {
        if (l.isEmpty()) {
            throw new IllegalArgumentException((sign < 0 ? "min" : "max") + " called on empty list");
        }
        Object best = l.get(0);
        for (Object o : l) {
            if (((Comparable) o).compareTo(best) * sign > 0) {
                best = o;
            }
        }
        return best;
    }

    private static int indexOf(List<?> l, Object v) {
        for (int i = 0; i < l.size(); i++) {
            if (equal(l.get(i), v)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<?> l, Object v) {
        for (int i = l.size() - 1; i >= 0; i--) {
            if (equal(l.get(i), v)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a.equals(b);
    }

    // regex -----------------------------------------------------------------------------------

    private static void regex(CelBuilder b) {
        b.addFunctionDeclarations(
                fn("find", CelOverloadDecl.newMemberOverload("string_find_string", STRING, STRING, STRING)),
                fn("findAll",
                        CelOverloadDecl.newMemberOverload("string_find_all_string", ListType.create(STRING), STRING,
                                STRING),
                        CelOverloadDecl.newMemberOverload("string_find_all_string_int", ListType.create(STRING),
                                STRING, STRING, INT)));
        b.addFunctionBindings(
                CelFunctionBinding.from("string_find_string", String.class, String.class, (s, re) -> {
                    Matcher m = Pattern.compile(re).matcher(s);
                    return m.find() ? m.group() : "";
                }),
                CelFunctionBinding.from("string_find_all_string", String.class, String.class,
                        (s, re) -> findAll(s, re, -1)),
                CelFunctionBinding.from("string_find_all_string_int", List.of(String.class, String.class, Long.class),
                        args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    }

    private static List<String> findAll(String s, String re, long limit) {
        List<String> out = new ArrayList<>();
        if (limit == 0) {
            return out;
        }
        Matcher m = Pattern.compile(re).matcher(s);
        while (m.find() && (limit < 0 || out.size() < limit)) {
            out.add(m.group());
        }
        return out;
    }

    // urls ------------------------------------------------------------------------------------

    private static void urls(CelBuilder b) {
        b.addFunctionDeclarations(
                fn("url", CelOverloadDecl.newGlobalOverload("string_to_url", URL, STRING)),
                fn("isURL", CelOverloadDecl.newGlobalOverload("is_url_string", BOOL, STRING)),
                fn("getScheme", CelOverloadDecl.newMemberOverload("url_get_scheme", STRING, URL)),
                fn("getHost", CelOverloadDecl.newMemberOverload("url_get_host", STRING, URL)),
                fn("getHostname", CelOverloadDecl.newMemberOverload("url_get_hostname", STRING, URL)),
                fn("getPort", CelOverloadDecl.newMemberOverload("url_get_port", STRING, URL)),
                fn("getEscapedPath", CelOverloadDecl.newMemberOverload("url_get_escaped_path", STRING, URL)),
                fn("getQuery", CelOverloadDecl.newMemberOverload("url_get_query",
                        MapType.create(STRING, ListType.create(STRING)), URL)));
        b.addFunctionBindings(
                CelFunctionBinding.from("string_to_url", String.class, s -> {
                    KubeUrl u = KubeUrl.parse(s);
                    if (u == null) {
                        throw new IllegalArgumentException("URL parse error during conversion from string: " + s);
                    }
                    return u;
                }),
                CelFunctionBinding.from("is_url_string", String.class, s -> KubeUrl.parse(s) != null),
                CelFunctionBinding.from("url_get_scheme", KubeUrl.class, u -> nz(u.uri().getScheme())),
                CelFunctionBinding.from("url_get_host", KubeUrl.class, KubeUrl::host),
                CelFunctionBinding.from("url_get_hostname", KubeUrl.class, KubeUrl::hostname),
                CelFunctionBinding.from("url_get_port", KubeUrl.class,
                        u -> u.uri().getPort() < 0 ? "" : String.valueOf(u.uri().getPort())),
                CelFunctionBinding.from("url_get_escaped_path", KubeUrl.class, u -> nz(u.uri().getRawPath())),
                CelFunctionBinding.from("url_get_query", KubeUrl.class, KubeUrl::query));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A URL as kube's url() accepts it: an absolute URI or an absolute path. */
    record KubeUrl(URI uri) {

        static KubeUrl parse(String s) {
            try {
                URI u = new URI(s);
                if (!u.isAbsolute() && !s.startsWith("/")) {
                    return null;
                }
                return new KubeUrl(u);
            } catch (URISyntaxException e) {
                return null;
            }
        }

        String host() {
            String h = uri.getRawAuthority();
            if (h == null) {
                return "";
            }
            int at = h.lastIndexOf('@');
            return at >= 0 ? h.substring(at + 1) : h;
        }

        String hostname() {
            String h = uri.getHost();
            if (h == null) {
                return "";
            }
            return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        }

        Map<String, List<String>> query() {
            Map<String, List<String>> q = new LinkedHashMap<>();
            String raw = uri.getRawQuery();
            if (raw == null || raw.isEmpty()) {
                return q;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            return q;
        }

        private static String decode(String s) {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    // ip and cidr -----------------------------------------------------------------------------

    private static void ips(CelBuilder b) {
        b.addFunctionDeclarations(
                fn("ip", CelOverloadDecl.newGlobalOverload("string_to_ip", IP, STRING),
                        CelOverloadDecl.newMemberOverload("cidr_ip", IP, CIDR)),
                fn("isIP", CelOverloadDecl.newGlobalOverload("is_ip", BOOL, STRING)),
                fn("family", CelOverloadDecl.newMemberOverload("ip_family", INT, IP)),
                fn("isUnspecified", CelOverloadDecl.newMemberOverload("ip_is_unspecified", BOOL, IP)),
                fn("isLoopback", CelOverloadDecl.newMemberOverload("ip_is_loopback", BOOL, IP)),
                fn("isLinkLocalMulticast", CelOverloadDecl.newMemberOverload("ip_is_link_local_multicast", BOOL, IP)),
                fn("isLinkLocalUnicast", CelOverloadDecl.newMemberOverload("ip_is_link_local_unicast", BOOL, IP)),
                fn("isGlobalUnicast", CelOverloadDecl.newMemberOverload("ip_is_global_unicast", BOOL, IP)),
                fn("cidr", CelOverloadDecl.newGlobalOverload("string_to_cidr", CIDR, STRING)),
                fn("isCIDR", CelOverloadDecl.newGlobalOverload("is_cidr", BOOL, STRING)),
                fn("containsIP", CelOverloadDecl.newMemberOverload("cidr_contains_ip_ip", BOOL, CIDR, IP),
                        CelOverloadDecl.newMemberOverload("cidr_contains_ip_string", BOOL, CIDR, STRING)),
                fn("containsCIDR", CelOverloadDecl.newMemberOverload("cidr_contains_cidr", BOOL, CIDR, CIDR),
                        CelOverloadDecl.newMemberOverload("cidr_contains_cidr_string", BOOL, CIDR, STRING)),
                fn("masked", CelOverloadDecl.newMemberOverload("cidr_masked", CIDR, CIDR)),
                fn("prefixLength", CelOverloadDecl.newMemberOverload("cidr_prefix_length", INT, CIDR)));
        b.addFunctionBindings(
                CelFunctionBinding.from("string_to_ip", String.class, s -> {
                    NetAddress a = NetAddress.parseIp(s);
                    if (a == null) {
                        throw new IllegalArgumentException("IP Address '" + s + "' parse error during conversion from string");
                    }
                    return a;
                }),
                CelFunctionBinding.from("cidr_ip", NetAddress.Prefix.class, NetAddress.Prefix::address),
                CelFunctionBinding.from("is_ip", String.class, s -> NetAddress.parseIp(s) != null),
                CelFunctionBinding.from("ip_family", NetAddress.class, a -> (long) a.family()),
                CelFunctionBinding.from("ip_is_unspecified", NetAddress.class, a -> a.inet().isAnyLocalAddress()),
                CelFunctionBinding.from("ip_is_loopback", NetAddress.class, a -> a.inet().isLoopbackAddress()),
                CelFunctionBinding.from("ip_is_link_local_multicast", NetAddress.class,
                        a -> a.inet().isMCLinkLocal()),
                CelFunctionBinding.from("ip_is_link_local_unicast", NetAddress.class,
                        a -> a.inet().isLinkLocalAddress()),
                CelFunctionBinding.from("ip_is_global_unicast", NetAddress.class, NetAddress::isGlobalUnicast),
                CelFunctionBinding.from("string_to_cidr", String.class, s -> {
                    NetAddress.Prefix p = NetAddress.parseCidr(s);
                    if (p == null) {
                        throw new IllegalArgumentException("network address parse error during conversion from string: " + s);
                    }
                    return p;
                }),
                CelFunctionBinding.from("is_cidr", String.class, s -> NetAddress.parseCidr(s) != null),
                CelFunctionBinding.from("cidr_contains_ip_ip", NetAddress.Prefix.class, NetAddress.class,
                        NetAddress.Prefix::contains),
                CelFunctionBinding.from("cidr_contains_ip_string", NetAddress.Prefix.class, String.class, (p, s) -> {
                    NetAddress a = NetAddress.parseIp(s);
                    return a != null && p.contains(a);
                }),
                CelFunctionBinding.from("cidr_contains_cidr", NetAddress.Prefix.class, NetAddress.Prefix.class,
                        NetAddress.Prefix::contains),
                CelFunctionBinding.from("cidr_contains_cidr_string", NetAddress.Prefix.class, String.class,
                        (p, s) -> {
                            NetAddress.Prefix other = NetAddress.parseCidr(s);
                            return other != null && p.contains(other);
                        }),
                CelFunctionBinding.from("cidr_masked", NetAddress.Prefix.class, NetAddress.Prefix::masked),
                CelFunctionBinding.from("cidr_prefix_length", NetAddress.Prefix.class, p -> (long) p.bits()));
    }

    // quantities ------------------------------------------------------------------------------

    private static void quantities(CelBuilder b) {
        b.addFunctionDeclarations(
                fn("quantity", CelOverloadDecl.newGlobalOverload("string_to_quantity", QUANTITY, STRING)),
                fn("isQuantity", CelOverloadDecl.newGlobalOverload("is_quantity_string", BOOL, STRING)),
                fn("sign", CelOverloadDecl.newMemberOverload("quantity_sign", INT, QUANTITY)),
                fn("isInteger", CelOverloadDecl.newMemberOverload("quantity_is_integer", BOOL, QUANTITY)),
                fn("asInteger", CelOverloadDecl.newMemberOverload("quantity_get_int", INT, QUANTITY)),
                fn("asApproximateFloat", CelOverloadDecl.newMemberOverload("quantity_get_float", DOUBLE, QUANTITY)),
                fn("add", CelOverloadDecl.newMemberOverload("quantity_add", QUANTITY, QUANTITY, QUANTITY),
                        CelOverloadDecl.newMemberOverload("quantity_add_int", QUANTITY, QUANTITY, INT)),
                fn("sub", CelOverloadDecl.newMemberOverload("quantity_sub", QUANTITY, QUANTITY, QUANTITY),
                        CelOverloadDecl.newMemberOverload("quantity_sub_int", QUANTITY, QUANTITY, INT)),
                fn("isGreaterThan", CelOverloadDecl.newMemberOverload("quantity_is_greater_than", BOOL, QUANTITY,
                        QUANTITY)),
                fn("isLessThan", CelOverloadDecl.newMemberOverload("quantity_is_less_than", BOOL, QUANTITY,
                        QUANTITY)),
                fn("compareTo", CelOverloadDecl.newMemberOverload("quantity_compare_to", INT, QUANTITY, QUANTITY)));
        b.addFunctionBindings(
                CelFunctionBinding.from("string_to_quantity", String.class, s -> {
                    Quantity q = Quantity.parse(s);
                    if (q == null) {
                        throw new IllegalArgumentException("quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
                    }
                    return q;
                }),
                CelFunctionBinding.from("is_quantity_string", String.class, s -> Quantity.parse(s) != null),
                CelFunctionBinding.from("quantity_sign", Quantity.class, q -> (long) q.value().signum()),
                CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger),
                CelFunctionBinding.from("quantity_get_int", Quantity.class, q -> {
                    if (!q.isInteger()) {
                        throw new IllegalArgumentException(
                                "cannot convert value to integer: " + q.value().toPlainString());
                    }
                    return q.value().longValueExact();
                }),
                CelFunctionBinding.from("quantity_get_float", Quantity.class, q -> q.value().doubleValue()),
                CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class,
                        (a, c) -> new Quantity(a.value().add(c.value()))),
                CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class,
                        (a, c) -> new Quantity(a.value().add(BigDecimal.valueOf(c)))),
                CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class,
                        (a, c) -> new Quantity(a.value().subtract(c.value()))),
                CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class,
                        (a, c) -> new Quantity(a.value().subtract(BigDecimal.valueOf(c)))),
                CelFunctionBinding.from("quantity_is_greater_than", Quantity.class, Quantity.class,
                        (a, c) -> a.value().compareTo(c.value()) > 0),
                CelFunctionBinding.from("quantity_is_less_than", Quantity.class, Quantity.class,
                        (a, c) -> a.value().compareTo(c.value()) < 0),
                CelFunctionBinding.from("quantity_compare_to", Quantity.class, Quantity.class,
                        (a, c) -> (long) a.value().compareTo(c.value())));
    }

    private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    static List<CelType> opaqueTypes() {
        return List.of(URL, IP, CIDR, QUANTITY);
    }
}
