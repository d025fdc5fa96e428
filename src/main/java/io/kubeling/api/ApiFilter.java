package io.kubeling.api;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter of the API's chain, run once per request as Spring's OncePerRequestFilter runs it, whose
 * already-filtered attribute name is made once instead of concatenated anew on every request.
 */
abstract class ApiFilter extends OncePerRequestFilter {

    private volatile String alreadyFiltered;

    @Override
    protected String getAlreadyFilteredAttributeName() {
        String name = alreadyFiltered;
        if (name == null) {
            name = super.getAlreadyFilteredAttributeName();
            alreadyFiltered = name;
        }
        return name;
    }
}
