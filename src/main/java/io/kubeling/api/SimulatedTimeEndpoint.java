package io.kubeling.api;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.registry.Errors;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Kubeling's own endpoint for the simulation's clock, outside kube's paths, for tests that run the server in
 * another process: {@code GET /kubeling/v1/time} tells the time, {@code POST /kubeling/v1/time/advance?seconds=N}
 * moves it N (fractional) seconds ahead and answers once what fell due on the way has run. Bad input gets kube's
 * Status, as on kube's own paths.
 */
@RestController
@Hidden
class SimulatedTimeEndpoint {

    static final String PATH = "/kubeling/v1/time";
    private static final BigDecimal YEAR = BigDecimal.valueOf(366L * 24 * 3600);

    private final SimulatedClock time;

    SimulatedTimeEndpoint(SimulatedClock time) {
        this.time = time;
    }

    @GetMapping(PATH)
    ResponseEntity<String> now() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(describe());
    }

    @PostMapping(PATH + "/advance")
    ResponseEntity<String> advance(@RequestParam(name = "seconds", required = false) String seconds) {
        BigDecimal by;
        try {
            by = new BigDecimal(seconds == null ? "" : seconds.trim());
        } catch (NumberFormatException e) {
            throw Errors.badRequest("seconds must be a number of seconds, got " + quoted(seconds));
        }
        if (by.signum() < 0 || by.compareTo(YEAR) > 0) {
            throw Errors.badRequest("seconds must be between 0 and a year, got " + by.toPlainString());
        }
        time.advance(Duration.ofNanos(by.movePointRight(9).longValue()));
        return now();
    }

    private String describe() {
        return "{\"now\":\"" + time.now() + "\",\"timeScale\":" + time.scale() + ",\"stopped\":" + time.stopped() + "}";
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + s.replaceAll("[^\\w .:-]", "?") + "'";
    }
}
