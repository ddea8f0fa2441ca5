package io.yingji.notification;

import java.util.List;

/**
 * Something to tell people: a kind (for filtering and icons), a title and a body as message keys
 * whose {@code {0}, {1} …} take {@code args}, and the page it is about.
 *
 * @param kind     e.g. {@code hazard.assigned}, {@code hazard.due}, {@code hazard.overdue}
 * @param titleKey message key of the one-line title
 * @param bodyKey  message key of the body
 * @param args     arguments of both messages, as text; one starting with {@code #} is itself a message key,
 *                 rendered in the reader's language (e.g. {@code #supervision.level.COUNTY})
 * @param link     the web app's path to open, e.g. {@code /hazards/42}
 */
public record Notice(String kind, String titleKey, String bodyKey, List<String> args, String link) {

    public Notice {
        args = List.copyOf(args);
    }
}
