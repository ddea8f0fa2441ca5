package io.yingji.notification.internal;

import io.yingji.notification.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Campaigns as the dispatchers and the acknowledgement page need them: their text rendered in a
 * language, and the targets' acknowledgement tokens. A campaign never changes once queued, so it is
 * read once per instance and kept.
 *
 * <p>A token is {@code <campaign>-<target>-<mac>}, the mac being HMAC-SHA256 of campaign and target
 * number under the campaign's own random secret (128 bits kept): unguessable, and checked without
 * storing a token per target.
 */
@Component
class CampaignBook {

    /** Message keys that show a plain-text campaign's title and body through the inbox. */
    static final String TEXT_TITLE_KEY = "notice.delivery.title";
    static final String TEXT_BODY_KEY = "notice.delivery.body";

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,18})-(\\d{1,9})-([A-Za-z0-9_-]{22})");

    record Stored(long id, String source, String regionCode, String title, String body, List<String> args, boolean localized,
                  @Nullable String link, List<Channel> channels, boolean ackRequired, long renotifySeconds, int maxRounds,
                  String secret, int targets, java.time.Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Map<Long, Stored> byId = new ConcurrentHashMap<>();

    CampaignBook(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    Optional<Stored> find(long id) {
        Stored cached = byId.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Stored> stored = query("where id = :key", id);
        stored.ifPresent(c -> byId.put(c.id(), c));
        return stored;
    }

    Optional<Stored> findBySource(String source) {
        return query("where source = :key", source);
    }

    private Optional<Stored> query(String where, Object key) {
        return jdbc.sql("select * from delivery_campaign " + where).param("key", key)
                .query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("source"), rs.getString("region_code"),
                        rs.getString("title"), rs.getString("body"), InboxStore.args(rs.getString("args")), rs.getBoolean("localized"),
                        rs.getString("link"), channels(rs.getString("channels")), rs.getBoolean("ack_required"),
                        rs.getLong("renotify_seconds"), rs.getInt("max_rounds"), rs.getString("secret"), rs.getInt("targets"),
                        io.yingji.shared.UtcTimestamps.read(rs, "created_at")))
                .optional();
    }

    static List<Channel> channels(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.stream(stored.split(",")).map(Channel::valueOf).toList();
    }

    static String channels(List<Channel> channels) {
        return String.join(",", channels.stream().map(Channel::name).toList());
    }

    String titleKey(Stored c) {
        return c.localized() ? c.title() : TEXT_TITLE_KEY;
    }

    String bodyKey(Stored c) {
        return c.localized() ? c.body() : TEXT_BODY_KEY;
    }

    List<String> noticeArgs(Stored c) {
        return c.localized() ? c.args() : List.of(c.title(), c.body());
    }

    String title(Stored c, Locale locale) {
        return render(titleKey(c), noticeArgs(c), locale);
    }

    String body(Stored c, Locale locale) {
        return render(bodyKey(c), noticeArgs(c), locale);
    }

    private String render(String key, List<String> args, Locale locale) {
        List<Object> rendered = new ArrayList<>(args.size());
        for (String arg : args) {
            rendered.add(arg.startsWith("#") ? messages.getMessage(arg.substring(1), null, arg.substring(1), locale) : arg);
        }
        return messages.getMessage(key, rendered.toArray(), key, locale);
    }

    String token(Stored c, int targetNo) {
        return c.id() + "-" + targetNo + "-" + mac(c.secret(), c.id(), targetNo);
    }

    private static String mac(String secret, long campaign, int target) {
        byte[] full = Signatures.hmac(secret, (campaign + "." + target).getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    }

    /** The campaign and target a token names, when it is well formed and its mac is right. */
    Optional<Located> locate(String token) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        long campaignId = Long.parseLong(m.group(1));
        int target = Integer.parseInt(m.group(2));
        return find(campaignId).filter(c -> target < c.targets() && MessageDigest.isEqual(
                        mac(c.secret(), campaignId, target).getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII)))
                .map(c -> new Located(c, target));
    }

    record Located(Stored campaign, int targetNo) {
    }
}
