package io.kubeling.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Calls {@link ResourceController}'s handler methods, whose only arguments are the request and the response, without
 * Spring MVC's invocation (argument resolvers, model, data binder and async request made anew for each request):
 * most answers are written by the controller itself; an answer it returns instead goes to the return value handlers
 * Spring would have given it, and an exception goes on to the DispatcherServlet's exception resolvers, which find
 * the same advice for the same handler.
 */
@Component
class ResourceHandlerAdapter implements HandlerAdapter, Ordered, SmartInitializingSingleton {

    private final ObjectProvider<RequestMappingHandlerAdapter> adapters;
    private final HandlerMethodReturnValueHandlerComposite returnValues = new HandlerMethodReturnValueHandlerComposite();

    ResourceHandlerAdapter(
            @Qualifier("requestMappingHandlerAdapter") ObjectProvider<RequestMappingHandlerAdapter> adapters) {
        this.adapters = adapters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public boolean supports(Object handler) {
        return handler instanceof HandlerMethod method && method.getBean() instanceof ResourceController;
    }

    @Override
    public ModelAndView handle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        HandlerMethod method = (HandlerMethod) handler;
        ResponseEntity<byte[]> answer = ((ResourceController) method.getBean()).serve(request, response);
        if (answer != null) {
            returnValues.handleReturnValue(answer, method.getReturnType(), new ModelAndViewContainer(),
                    new ServletWebRequest(request, response));
        }
        return null;
    }

    @Override
    public void afterSingletonsInstantiated() {
        RequestMappingHandlerAdapter spring = adapters.getIfAvailable();
        List<HandlerMethodReturnValueHandler> handlers = spring == null ? null : spring.getReturnValueHandlers();
        if (handlers != null) {
            returnValues.addHandlers(handlers);
        }
    }
}
