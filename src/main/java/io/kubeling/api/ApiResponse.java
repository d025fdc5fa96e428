package io.kubeling.api;

import java.util.List;

/** A response body with its status code and the Warning headers it carries. */
record ApiResponse(int code, Object body, List<String> warnings) {

    static ApiResponse ok(Object body, List<String> warnings) {
        return new ApiResponse(200, body, warnings);
    }
}
