package io.yingji.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.yingji.support.Api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fires the same request from many threads at the same moment (all wait on one start latch), the way
 * a double-click, a retrying client or ten people on one alarm do, and checks the house rule for
 * concurrent identical state transitions: exactly one succeeds, the others answer 409 problem+json.
 *
 * <p>Log the accounts in before (an {@link Api} logs in lazily): {@code api.token("qiye")}.
 */
public final class AtOnce {

    public static final int TIMES = 10;

    private AtOnce() {
    }

    /** The answers of {@code times} identical requests started together, in no particular order. */
    public static List<Response> fire(int times, Supplier<Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        CountDownLatch ready = new CountDownLatch(times);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return request.get();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } catch (Exception e) {
            throw new AssertionError("concurrent requests failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #TIMES} identical requests at once; asserts one 2xx and 409 problems for the rest, answers the winner. */
    public static Response exactlyOneWins(Supplier<Response> request) {
        return exactlyOneWins(fire(TIMES, request));
    }

    /** Asserts that one answer is 2xx and every other one a 409 problem+json; answers the 2xx one. */
    public static Response exactlyOneWins(List<Response> responses) {
        List<Response> won = responses.stream().filter(r -> r.status() / 100 == 2).toList();
        List<String> details = responses.stream().map(r -> r.status() + " " + r.detail()).toList();
        assertThat(won.size()).as("2xx answers among %s", details).isEqualTo(1);
        responses.stream().filter(r -> r != won.get(0)).forEach(lost -> {
            assertThat(lost.status()).as("%s", lost.body()).isEqualTo(409);
            assertThat(String.valueOf(lost.headers().getContentType())).startsWith("application/problem+json");
            assertThat(lost.detail()).isNotBlank();
        });
        return won.get(0);
    }
}
