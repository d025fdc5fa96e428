package io.kubeling.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.ReadOnlyResources;
import io.kubeling.registry.RequestWarnings;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.TextStream;
import io.swagger.v3.oas.annotations.Hidden;


/**
 * The Kubernetes resource API: {@code /api/v1/...} for the core group and
 * {@code /apis/{group}/{version}/...} for the others, every resource through one generic handler.
 * Documented per resource by {@link OpenApiResources}.
 */
@RestController
@Hidden
class ResourceController {

    private final ResourceHandler handler;
    private final ResponseWriter writer;
    private final WatchService watches;
    private final MutatingSeats seats;
    private final BufferedBody bodies;
    private final AsyncBodyWriter large;
    private final ReadOnlyResources readOnly;
    private final ReadOnlyHandler readOnlyHandler;
    private final StreamUpgrades streams;

    ResourceController(ResourceHandler handler, ResponseWriter writer, WatchService watches, MutatingSeats seats,
            BufferedBody bodies, AsyncBodyWriter large, ReadOnlyResources readOnly, ReadOnlyHandler readOnlyHandler,
            StreamUpgrades streams) {
        this.streams = streams;
        this.readOnly = readOnly;
        this.readOnlyHandler = readOnlyHandler;
        this.large = large;
        this.handler = handler;
        this.writer = writer;
        this.watches = watches;
        this.seats = seats;
        this.bodies = bodies;
    }

    @RequestMapping(path = "/api/v1/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> core(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return serve(request, response);
    }

    @RequestMapping(path = "/apis/{group}/{version}/**", method = {RequestMethod.GET, RequestMethod.POST,
            RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> grouped(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return serve(request, response);
    }

    /** Every resource request, called by {@link ResourceHandlerAdapter}: an answer not yet written is returned. */
    ResponseEntity<byte[]> serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiPath path = ApiPath.parse(request.getRequestURI());
        ReadOnlyResource computed = readOnly.find(path.group(), path.version(), path.resource()).orElse(null);
        if (computed != null) {
            return writer.writeResource(request, readOnlyHandler.handle(request.getMethod(), path, request, computed));
        }
        if (path.subresource() != null && StreamUpgrades.isUpgrade(request)) {
            // a stream holds no seat: it is checked, upgraded, and runs on no request thread
            ResourceStore<?> store = handler.store(path, request.getMethod());
            if (streams.serve(request, response, path, store.definition().groupResource())) {
                return null;
            }
        }
        if (ResourceHandler.isWatch(request.getMethod(), path, request)) {
            if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
                return declineWebSocket(request);
            }
            Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true);
            ResourceStore<?> store = handler.store(path, "GET");
            if (store.definition().strategy().readOnly()) {
                // a resource served for get and list only, as kube serves componentstatuses, has no watch
                throw ResourceHandler.notAllowed();
            }
            WatchOptions options = WatchOptions.parse(request, path.name());
            watches.watch(store, path.namespace(), options, request, response);
            return null;
        }
        ApiResponse answer;
        List<String> recorded = new ArrayList<>();
        request.setAttribute(RECORDED_WARNINGS, recorded);
        if (MutatingSeats.mutating(request.getMethod())) {
            // the body first: a client slow to send it must not hold a seat meanwhile
            HttpServletRequest read = bodies.read(request);
            String user = RequestUser.of(read).name();
            answer = RequestWarnings.collect(recorded, () -> seats.hold(user, () -> handle(read, path)));
        } else {
            answer = RequestWarnings.collect(recorded, () -> handle(request, path));
        }
        if (!recorded.isEmpty()) {
            List<String> warnings = new ArrayList<>(answer.warnings());
            warnings.addAll(recorded);
            answer = new ApiResponse(answer.code(), answer.body(), warnings);
        }
        if (answer.body() instanceof TextStream text) {
            response.setStatus(answer.code());
            response.setContentType("text/plain");
            text.writeTo(response.getOutputStream());
            return null;
        }
        ResponseEntity<byte[]> entity = writer.writeResource(request, answer);
        if (AsyncBodyWriter.large(entity)) {
            large.write(request, response, entity);
            return null;
        }
        if (!"HEAD".equals(request.getMethod())) {
            ResponseWriter.send(response, entity);
            return null;
        }
        return entity;
    }

    /** The request attribute holding the warnings recorded in the registry, which error answers carry too. */
    static final String RECORDED_WARNINGS = ResourceController.class.getName() + ".warnings";

    private ApiResponse handle(HttpServletRequest request, ApiPath path) {
        return handler.handle(request.getMethod(), path, request);
    }

    /**
     * Watches are served as chunked HTTP only. Clients that first ask for a WebSocket (fabric8)
     * get a complete, non-101 answer at once, on which they fall back to the HTTP watch.
     */
    private ResponseEntity<byte[]> declineWebSocket(HttpServletRequest request) {
        io.kubeling.registry.StatusException declined = io.kubeling.registry.Errors.error(200, "BadRequest",
                "watch is served over HTTP streaming, not WebSocket", null);
        return writer.writeLenient(request, new ApiResponse(200, declined.status(), List.of()));
    }
}
