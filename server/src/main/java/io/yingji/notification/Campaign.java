package io.yingji.notification;

import io.yingji.shared.RegionCode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message to many targets, and how hard to try: the channels in fallback order, and whether the
 * recipients must acknowledge (叫应) — those who have not within {@code renotifyAfter} are told again,
 * up to {@code maxRounds} times in all.
 *
 * @param source    what the campaign is about, unique, e.g. {@code warning:123}; coverage is asked for by it
 * @param area      the issuer's area: who may see the campaign's coverage (callers whose region overlaps it)
 * @param title     the one-line title: plain text, or a message key when {@code localized}
 * @param body      the text: plain text, or a message key when {@code localized}
 * @param args      the message keys' arguments (an argument starting with {@code #} is itself a key)
 * @param localized whether title and body are message keys rendered in the reader's language (Chinese to
 *                  SMS, e-mail, webhook and broadcast; the reader's own in the inbox and on the acknowledgement page)
 * @param link      the web app's page about it (e.g. {@code /warnings/123}), or null
 * @param channels  channels in fallback order; at least one
 * @param acknowledgementRequired whether recipients are asked to confirm and re-notified until they do
 * @param renotifyAfter time after a round within which an unacknowledged target is told again
 * @param maxRounds rounds of notification in all, the first one included (1 = never re-notify)
 */
public record Campaign(String source, RegionCode area, String title, String body, List<String> args, boolean localized,
                       @Nullable String link, List<Channel> channels, boolean acknowledgementRequired,
                       Duration renotifyAfter, int maxRounds) {

    public Campaign {
        args = List.copyOf(args);
        channels = List.copyOf(channels);
    }

    /** A campaign with a plain-text title and body, without acknowledgement. */
    public static Campaign text(String source, RegionCode area, String title, String body, List<Channel> channels) {
        return new Campaign(source, area, title, body, List.of(), false, null, channels, false, Duration.ofMinutes(15), 1);
    }

    /** A campaign whose title and body are message keys with arguments, without acknowledgement. */
    public static Campaign message(String source, RegionCode area, String titleKey, String bodyKey, List<String> args,
                                   List<Channel> channels) {
        return new Campaign(source, area, titleKey, bodyKey, args, true, null, channels, false, Duration.ofMinutes(15), 1);
    }

    /** This campaign asking for acknowledgement, re-notifying after {@code interval}, {@code rounds} rounds in all. */
    public Campaign acknowledged(Duration interval, int rounds) {
        return new Campaign(source, area, title, body, args, localized, link, channels, true, interval, rounds);
    }

    public Campaign linkedTo(String page) {
        return new Campaign(source, area, title, body, args, localized, page, channels, acknowledgementRequired, renotifyAfter, maxRounds);
    }
}
