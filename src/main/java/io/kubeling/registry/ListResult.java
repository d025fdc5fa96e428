package io.kubeling.registry;

import java.util.List;

/** One page of a list, with the revision it was read at and the token for the next page. */
public record ListResult<T>(List<T> items, long resourceVersion, String continueToken, Long remainingItemCount) {
}
