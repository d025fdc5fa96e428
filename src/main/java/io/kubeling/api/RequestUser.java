package io.kubeling.api;

import io.kubeling.registry.UserInfo;
import jakarta.servlet.http.HttpServletRequest;

/** The authenticated user a request carries from the authentication filter to handlers, authorization and audit. */
public final class RequestUser {

    private static final String ATTRIBUTE = RequestUser.class.getName();

    private RequestUser() {
    }

    /** The request's user; the admin when nothing authenticated it, as on a port without authentication. */
    public static UserInfo of(HttpServletRequest request) {
        Object user = request.getAttribute(ATTRIBUTE);
        return user instanceof UserInfo u ? u : UserInfo.ADMIN;
    }

    public static void set(HttpServletRequest request, UserInfo user) {
        request.setAttribute(ATTRIBUTE, user);
    }
}
