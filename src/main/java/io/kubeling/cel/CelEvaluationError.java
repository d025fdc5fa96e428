package io.kubeling.cel;

/** An expression that failed while being evaluated (no such key, overflow, cost limit, ...). */
public class CelEvaluationError extends Exception {

    public CelEvaluationError(String message, Throwable cause) {
        super(message, cause);
    }
}
