package io.yingji.notification.internal;

import io.yingji.notification.Inbox;
import io.yingji.notification.Notice;
import io.yingji.shared.UtcTimestamps;
import java.time.OffsetDateTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
class InboxStore implements Inbox {

    /** Separates message arguments in one column; it cannot occur in text people type. */
    static final String SEPARATOR = "\u001F";

    private final JdbcClient jdbc;
    private final Clock clock;

    InboxStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public int deliver(Notice notice, Collection<Long> userIds) {
        OffsetDateTime now = UtcTimestamps.of(clock.instant());
        String args = String.join(SEPARATOR, notice.args().stream().map(a -> a.replace(SEPARATOR, " ")).toList());
        int delivered = 0;
        for (long user : new LinkedHashSet<>(userIds)) {
            delivered += jdbc.sql("""
                    insert into notification (user_id, kind, title_key, body_key, args, link, created_at)
                    values (:user, :kind, :title, :body, :args, :link, :at)""")
                    .param("user", user).param("kind", notice.kind()).param("title", notice.titleKey())
                    .param("body", notice.bodyKey()).param("args", args).param("link", notice.link()).param("at", now)
                    .update();
        }
        return delivered;
    }

    static List<String> args(String stored) {
        return stored.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(stored.split(SEPARATOR, -1)));
    }
}
