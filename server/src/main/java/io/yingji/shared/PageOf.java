package io.yingji.shared;

import java.util.List;

/** One page of a list answer: the rows, where they are, and how many there are in all. */
public record PageOf<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    public static final int MAX_SIZE = 500;

    public static <T> PageOf<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageOf<>(content, page, size, totalElements, (totalElements + size - 1) / size);
    }

    /** 400 for a negative page or a size outside 1..{@value #MAX_SIZE}. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw Problem.invalid("page", "problem.page.negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw Problem.invalid("size", "problem.size.range", MAX_SIZE);
        }
    }
}
