package io.kubeling.api;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds {@link ResourceController}'s handler method for a resource request without Spring MVC's search, which
 * matches the path against every mapping's pattern and cost more than any filter: a plain path with something after
 * {@code /api/v1/} or {@code /apis/{group}/{version}/}, for a method the controller maps, goes to the same handler
 * method (and so through the same argument resolution, return value handling and exception advice) as the search
 * would have found. Every other request, and any path the search could read otherwise (escapes, matrix
 * parameters, empty or dot segments), is left to the search.
 */
@Component
class ResourceRoutes implements HandlerMapping, Ordered, SmartInitializingSingleton {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    /** Found once every bean is made, before the server takes a request: a mapping not found fails the start. */
    private Targets targets;

    ResourceRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** The controller's two handler methods, as Spring registered them, their bean resolved once. */
    private record Targets(HandlerMethod core, HandlerMethod grouped) {
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) {
        HandlerMethod method = route(request.getMethod(), request.getRequestURI());
        return method == null ? null : new HandlerExecutionChain(method);
    }

    HandlerMethod route(String method, String uri) {
        Kind kind = kind(method, uri);
        if (kind == Kind.NONE) {
            return null;
        }
        Targets found = targets;
        return kind == Kind.CORE ? found.core() : found.grouped();
    }

    enum Kind { NONE, CORE, GROUPED }

    /** Which of the controller's mappings a request is for, or NONE when the search must decide. */
    static Kind kind(String method, String uri) {
        if (!mapped(method) || uri == null || !plain(uri)) {
            return Kind.NONE;
        }
        if (uri.startsWith("/api/v1/")) {
            return uri.length() > "/api/v1/".length() ? Kind.CORE : Kind.NONE;
        }
        if (!uri.startsWith("/apis/")) {
            return Kind.NONE;
        }
        // /apis/{group}/{version}/ and at least one character after it
        int group = uri.indexOf('/', "/apis/".length());
        if (group < 0) {
            return Kind.NONE;
        }
        int version = uri.indexOf('/', group + 1);
        return version > 0 && version + 1 < uri.length() ? Kind.GROUPED : Kind.NONE;
    }

    /** The methods the controller's mappings name; GET's mapping takes HEAD too. */
    private static boolean mapped(String method) {
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /**
     * A path of letters, digits, {@code - . _ ~ :} and single slashes, without {@code .} or {@code ..} segments:
     * one that Spring's path parsing reads as it is written.
     */
    private static boolean plain(String uri) {
        char previous = 0;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.' || c == '_' || c == '~' || c == ':' || c == '/';
            if (!allowed || (c == '/' && previous == '/')) {
                return false;
            }
            if (c == '.' && previous == '/' && dotSegment(uri, i)) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** Whether the segment starting at {@code i} is {@code .} or {@code ..}. */
    private static boolean dotSegment(String uri, int i) {
        int end = uri.indexOf('/', i);
        int length = (end < 0 ? uri.length() : end) - i;
        return length == 1 || (length == 2 && uri.charAt(i + 1) == '.');
    }

    @Override
    public void afterSingletonsInstantiated() {
        RequestMappingHandlerMapping registry = mappings.getIfAvailable();
        if (registry == null) {
            // a server started without its web layer (the storage's own tests) routes nothing
            return;
        }
        HandlerMethod core = null;
        HandlerMethod grouped = null;
        for (HandlerMethod registered : registry.getHandlerMethods().values()) {
            if (registered.getBeanType() == ResourceController.class) {
                switch (registered.getMethod().getName()) {
                    case "core" -> core = registered.createWithResolvedBean();
                    case "grouped" -> grouped = registered.createWithResolvedBean();
                    default -> {
                    }
                }
            }
        }
        if (core == null || grouped == null) {
            throw new IllegalStateException("ResourceController's mappings are not registered");
        }
        targets = new Targets(core, grouped);
    }
}
