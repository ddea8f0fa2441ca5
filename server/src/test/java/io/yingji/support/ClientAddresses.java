package io.yingji.support;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client addresses for anonymous (public) requests, each one handed out once per test run.
 *
 * <p>Public endpoints limit requests per client address, and the tests reach the server from one machine
 * through a simulated proxy ({@code X-Forwarded-For}). Random addresses collide now and then (two tests
 * drawing the same one share a limit and one of them is refused), so every test takes its own from this
 * counter. The addresses lie in 198.18.0.0/15, the range set aside for benchmarking networks, which no
 * proxy configuration treats as internal.
 */
public final class ClientAddresses {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private ClientAddresses() {
    }

    /** An address no other request of this run has come from. */
    public static String fresh() {
        int n = NEXT.getAndIncrement();
        return "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }

    /** The forwarding header of a request from a fresh address. */
    public static Map<String, String> freshClient() {
        return Map.of("X-Forwarded-For", fresh());
    }
}
