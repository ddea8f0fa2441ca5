package io.yingji.notification;

import io.yingji.shared.RegionCode;
import org.jspecify.annotations.Nullable;

/**
 * One person (or one terminal) to reach, as resolved when the campaign is published: nothing is
 * looked up again later, so the record shows exactly whom a warning was sent to.
 *
 * @param userId    their platform account, for the in-app channel and in-app acknowledgement; null for the public
 * @param name      name as shown on the dashboard, e.g. 张三 or 西湖区应急广播
 * @param region    where they are responsible or live; coverage is counted per region
 * @param group     their role in the response, e.g. 村级责任人, 网格员, 企业安全管理员, 救援队长, {@value #PUBLIC}
 * @param mobile    mobile number for SMS
 * @param email     e-mail address
 * @param webhookUrl URL of another system to POST to
 * @param broadcastTerminal terminal or area code of the emergency broadcast system
 */
public record Target(@Nullable Long userId, String name, RegionCode region, String group, @Nullable String mobile,
                     @Nullable String email, @Nullable String webhookUrl, @Nullable String broadcastTerminal) {

    /** The group of members of the public: their coverage is 发布公众覆盖率; everyone else's acknowledgement is 到岗到人率. */
    public static final String PUBLIC = "公众";

    /** Whether this target has an address for {@code channel}. */
    public boolean reachableBy(Channel channel) {
        return switch (channel) {
            case SMS -> mobile != null && !mobile.isBlank();
            case EMAIL -> email != null && !email.isBlank();
            case WEBHOOK -> webhookUrl != null && !webhookUrl.isBlank();
            case BROADCAST -> broadcastTerminal != null && !broadcastTerminal.isBlank();
            case IN_APP -> userId != null;
        };
    }

    public static Target user(long userId, String name, RegionCode region, String group, @Nullable String mobile) {
        return new Target(userId, name, region, group, mobile, null, null, null);
    }

    public static Target publicMobile(String name, RegionCode region, String mobile) {
        return new Target(null, name, region, PUBLIC, mobile, null, null, null);
    }
}
